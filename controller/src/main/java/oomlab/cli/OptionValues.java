package oomlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import oomlab.model.scenario.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for option values that must be refused before anything runs: each failure
 * is a {@link TypeConversionException} whose message is the reason, which picocli reports as
 * {@code Invalid value for option '--repeat': <reason>} and oomlab exits 2 with.
 */
final class OptionValues {
  private OptionValues() {}

  /** At most this many repetitions of one scenario: each is a real run of seconds. */
  static final int MAX_REPEAT = 10_000;

  /** {@code --repeat N}: 1..{@link #MAX_REPEAT}. */
  static final class Repeat implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) whole(value, 1, MAX_REPEAT, "runs");
    }
  }

  /** A count of at least 1 that fits an int ({@code --kills}, {@code --ooms}). */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) whole(value, 1, Integer.MAX_VALUE, "");
    }
  }

  /** {@code --max-states N}: at least 1 (0 would make every verdict unknown, a negative bound is no bound). */
  static final class MaxStates implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return whole(value, 1, Long.MAX_VALUE, "states");
    }
  }

  /** Explorer threads: 1 to 64. */
  static final class Threads implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) whole(value, 1, 64, "threads");
    }
  }

  /** A bound on the depth of the model's search, in steps: 0 to 10,000,000. */
  static final class MaxDepth implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) whole(value, 0, 10_000_000, "steps");
    }
  }

  /**
   * A duration as scenarios write it ({@link Durations#parse}: {@code 300ms}, {@code 2s}, more
   * than 0, at most 1h), kept as text: {@code --settle} travels to the guest in an options file.
   */
  static final class ScenarioDuration implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        Durations.parse(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A results directory: not empty, not an existing file or device, not on a kernel filesystem
   * ({@code /proc}, {@code /sys}, {@code /dev}), and where the nearest existing ancestor is a
   * writable directory. Checked on its parts that exist; nothing is created here.
   */
  static final class OutDir implements ITypeConverter<Path> {
    private static final Set<String> KERNEL_FILESYSTEMS =
        Set.of("proc", "sysfs", "cgroup", "cgroup2", "devtmpfs", "debugfs", "tracefs", "securityfs", "bpf", "configfs", "devpts");

    @Override
    public Path convert(String value) {
      if (value.isBlank()) throw new TypeConversionException("an empty path: name the results directory");
      Path dir;
      try {
        dir = Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
      }
      Path abs = dir.toAbsolutePath().normalize();
      Path existing = abs;
      while (existing != null && !Files.exists(existing)) existing = existing.getParent();
      if (existing == null) throw new TypeConversionException(value + ": no part of it exists");
      if (!Files.isDirectory(existing)) {
        String what = Files.isRegularFile(existing) ? "a file" : "a device, pipe or socket";
        throw new TypeConversionException((existing.equals(abs) ? value : existing.toString()) + " is " + what + ", not a directory");
      }
      try {
        String type = Files.getFileStore(existing).type();
        if (KERNEL_FILESYSTEMS.contains(type)) {
          throw new TypeConversionException(value + " is on " + existing + ", a " + type + " filesystem of the kernel: results go to a normal directory");
        }
      } catch (IOException e) {
        throw new TypeConversionException(value + ": cannot inspect " + existing + ": " + e.getMessage());
      }
      if (!Files.isWritable(existing)) throw new TypeConversionException(existing + " is not writable");
      return dir;
    }
  }

  private static long whole(String value, long min, long max, String unit) {
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new TypeConversionException(n + " is out of range: " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
          ? "at least " + min : "from " + min + " to " + max) + (unit.isEmpty() ? "" : " " + unit));
    }
    return n;
  }
}

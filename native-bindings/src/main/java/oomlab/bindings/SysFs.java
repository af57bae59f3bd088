package oomlab.bindings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reading and writing kernel control files (cgroupfs, procfs, sysfs) the way the kernel expects:
 * a value is written with exactly one write(2) (cgroup files parse each write as one value and
 * report EBUSY/EINVAL on that write), and errors come back as typed {@link NativeException}s naming
 * the path and the value, e.g. {@code write /sys/fs/cgroup/memory/oomlab/A/memory.limit_in_bytes
 * "1": EBUSY (Device or resource busy)}. java.nio.file.Files would hide errno behind
 * FileSystemException text.
 */
public final class SysFs {
  private SysFs() {}

  /** The whole file as text (read(2) until end of file). */
  public static String readString(Path path) throws IOException {
    try (Fd fd = FileIo.open(path, FileIo.O_RDONLY)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      byte[] buf = new byte[8192];
      int n;
      while ((n = FileIo.read(fd, buf, 0, buf.length)) > 0) out.write(buf, 0, n);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The file's first line, trimmed: a single-value file such as {@code memory.limit_in_bytes}. */
  public static String readValue(Path path) throws IOException {
    String s = readString(path);
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** A single-value numeric file, e.g. {@code memory.usage_in_bytes}. */
  public static long readLong(Path path) throws IOException {
    String v = readValue(path);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IOException("read " + path + ": not a number: \"" + v + "\"", e);
    }
  }

  /** Writes {@code value} with one write(2) to an existing file (no create, no truncate needed for kernel files). */
  public static void writeString(Path path, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    try (Fd fd = FileIo.open(path, FileIo.O_WRONLY)) {
      int n = FileIo.write(fd, bytes, 0, bytes.length, path + " \"" + value.strip() + "\"");
      if (n != bytes.length) {
        throw new IOException("write " + path + " \"" + value.strip() + "\": short write, " + n + " of " + bytes.length + " bytes");
      }
    }
  }
}

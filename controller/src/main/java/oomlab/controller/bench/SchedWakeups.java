package oomlab.controller.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the kernel woke given threads: the {@code sched:sched_waking} tracepoint (try_to_wake_up,
 * the moment the eventfd or inotify signal makes a listener runnable) in a tracefs instance of the
 * benchmark's own, clock {@code mono} (CLOCK_MONOTONIC, the clock of the listeners' stamps). A
 * listener's stamp minus its thread's last waking before it is its wake-up latency: what the
 * scheduler and the listener's own return path add after the kernel signalled. Needs root and
 * tracefs; where it is not mounted it is mounted for the benchmark's time at a directory of its
 * own. The instance's buffer is read once, at the end, so nothing reads the trace while the
 * listeners are measured.
 */
final class SchedWakeups implements AutoCloseable {
  private static final Pattern WAKING = Pattern.compile(" (\\d+)\\.(\\d{6}): sched_waking: .*? pid=(\\d+) prio=");
  private static final Pattern SWITCH = Pattern.compile(" (\\d+)\\.(\\d{6}): sched_switch: .* next_pid=(\\d+) next_prio=");

  private final Path tracefs;
  private final boolean mountedHere;
  private final Path instance;

  private SchedWakeups(Path tracefs, boolean mountedHere, Path instance) {
    this.tracefs = tracefs;
    this.mountedHere = mountedHere;
    this.instance = instance;
  }

  /** Records the wakings of {@code tids}; empty (with the reason on stderr) where tracefs cannot be used. */
  static Optional<SchedWakeups> start(List<Long> tids) {
    Path tracefs = null;
    boolean mounted = false;
    try {
      Optional<Path> existing = mountedTracefs();
      if (existing.isPresent()) {
        tracefs = existing.get();
      } else {
        tracefs = Files.createTempDirectory("oomlab-bench-tracefs-");
        run("mount", "-t", "tracefs", "nodev", tracefs.toString());
        mounted = true;
      }
      Path instance = tracefs.resolve("instances").resolve("oomlab-bench-" + ProcessHandle.current().pid());
      Files.createDirectory(instance); // mkdir in instances/ makes a trace instance with its own buffer
      SchedWakeups w = new SchedWakeups(tracefs, mounted, instance);
      try {
        Files.writeString(instance.resolve("trace_clock"), "mono");
        Path event = instance.resolve("events/sched/sched_waking");
        Files.writeString(event.resolve("filter"), String.join(" || ", tids.stream().map(t -> "pid == " + t).toList()));
        Files.writeString(event.resolve("enable"), "1");
        Path sw = instance.resolve("events/sched/sched_switch");
        Files.writeString(sw.resolve("filter"), String.join(" || ", tids.stream().map(t -> "next_pid == " + t).toList()));
        Files.writeString(sw.resolve("enable"), "1");
        return Optional.of(w);
      } catch (IOException | RuntimeException e) {
        w.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("oomlab bench: no sched_waking trace (" + e.getMessage() + "): wake-up latencies not measured");
      if (mounted) unmount(tracefs);
      return Optional.empty();
    }
  }

  /**
   * A waking (the kernel made the thread runnable) or, {@code switchIn}, the thread getting a CPU
   * (sched_switch to it); when, in ns, CLOCK_MONOTONIC, µs resolution.
   */
  record Waking(long tid, long monoNs, boolean switchIn) {
    Waking(long tid, long monoNs) {
      this(tid, monoNs, false);
    }
  }

  /** Every waking and switch-in recorded so far. */
  List<Waking> read() throws IOException {
    return parse(Files.readAllLines(instance.resolve("trace"), StandardCharsets.UTF_8));
  }

  /** The wakings and switch-ins in tracefs {@code trace} text (other lines, the header's too, are skipped). */
  static List<Waking> parse(List<String> lines) {
    List<Waking> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = WAKING.matcher(line);
      boolean in = false;
      if (!m.find()) {
        m = SWITCH.matcher(line);
        if (!m.find()) continue;
        in = true;
      }
      out.add(new Waking(Long.parseLong(m.group(3)), Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)) * 1000L, in));
    }
    return out;
  }

  /**
   * The first switch-in of {@code tid} after its last waking before {@code stamp}, minus that
   * waking: how long the thread waited for a CPU. Empty when the trace lacks either.
   */
  static Optional<Long> runDelay(List<Waking> wakings, long tid, long stamp) {
    Optional<Long> waking = lastWaking(wakings, tid, stamp);
    if (waking.isEmpty()) return Optional.empty();
    long first = Long.MAX_VALUE;
    for (Waking w : wakings) {
      if (w.switchIn() && w.tid() == tid && w.monoNs() >= waking.get() && w.monoNs() <= stamp + 1000) first = Math.min(first, w.monoNs());
    }
    return first == Long.MAX_VALUE ? Optional.empty() : Optional.of(first - waking.get());
  }

  /**
   * {@code stamp} minus the last waking of {@code tid} at or before it (within 100 ms), in ns;
   * empty when there is none (a waking the trace lost, or a stamp without a sleep before it).
   */
  static Optional<Long> latency(List<Waking> wakings, long tid, long stamp) {
    return lastWaking(wakings, tid, stamp).map(w -> Math.max(0, stamp - w));
  }

  private static Optional<Long> lastWaking(List<Waking> wakings, long tid, long stamp) {
    long best = Long.MIN_VALUE;
    for (Waking w : wakings) {
      // µs resolution: a waking up to 1 µs after the stamp is the same instant
      if (!w.switchIn() && w.tid() == tid && w.monoNs() <= stamp + 1000 && w.monoNs() > best) best = w.monoNs();
    }
    if (best == Long.MIN_VALUE || stamp - best > 100_000_000L) return Optional.empty();
    return Optional.of(best);
  }

  @Override
  public void close() {
    try {
      Files.writeString(instance.resolve("events/sched/sched_waking/enable"), "0");
      Files.writeString(instance.resolve("events/sched/sched_switch/enable"), "0");
    } catch (IOException e) {
      // removing the instance below disables it as well
    }
    try {
      Files.deleteIfExists(instance);
    } catch (IOException e) {
      System.err.println("oomlab bench: trace instance " + instance + " left: " + e.getMessage());
    }
    if (mountedHere) unmount(tracefs);
  }

  private static Optional<Path> mountedTracefs() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] halves = line.split(" - ", 2);
      if (halves.length == 2 && halves[1].startsWith("tracefs ")) return Optional.of(Path.of(halves[0].split(" ")[4]));
    }
    return Optional.empty();
  }

  private static void unmount(Path dir) {
    try {
      run("umount", dir.toString());
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      System.err.println("oomlab bench: tracefs left mounted at " + dir + ": " + e.getMessage());
    }
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + ": interrupted", e);
    }
  }
}

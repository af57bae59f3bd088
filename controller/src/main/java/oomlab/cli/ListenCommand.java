package oomlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.agent.cgroup.MemoryHierarchy;
import oomlab.agent.cgroup.WriteGuard;
import oomlab.agent.listen.OomEvent;
import oomlab.agent.listen.OomListener;
import oomlab.agent.stop.StopRequest;
import oomlab.bindings.NativeException;
import oomlab.bindings.Posix;
import oomlab.model.scenario.CgroupVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code oomlab listen}: the kernel's OOM notifications for memory cgroups as JSON lines. Reads and
 * registers only: on v1 it writes a registration to each cgroup's cgroup.event_control, on v2 it
 * watches memory.events (and writes a PSI trigger to memory.pressure with {@code --psi}).
 *
 * <p>Where it may register (DESIGN section 6): in oomlab's own subtree ({@code <mount>/oomlab}),
 * always; anywhere else only on a cgroup the user names with {@code --foreign}, one by one. A
 * positional CGROUP outside the subtree ({@code /}, the mount itself, the cgroup this host runs
 * oomlab in) is refused with exit 2 before anything is opened or written: a registration changes
 * no limit, but it is still a write into a cgroup oomlab does not own, and a slip of the keyboard
 * must not make one.
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the kernel's OOM notifications for memory cgroups, one JSON object a line:",
        "  {\"t_mono_ns\":N,\"cgroup\":\"CGROUP as given\",\"kind\":K,\"count\":N}",
        "kind: oom, oom_kill, oom_group_kill (v2 memory.events), threshold, pressure, removed.",
        "t_mono_ns is CLOCK_MONOTONIC at wake-up, the clock of /dev/kmsg timestamps.",
        "count is the eventfd counter read (v1) or the counter's growth (v2).",
        "cgroup v1: an eventfd on memory.oom_control via cgroup.event_control;",
        "cgroup v2: inotify on memory.events, re-read on every wake-up.",
        "Stops after --count lines, at --timeout, or once every CGROUP is removed (exit 0).",
        "CGROUP must be in oomlab's own subtree (<mount>/oomlab/...); a cgroup outside it only with --foreign CGROUP.",
        "Exit 2 when a CGROUP is not a memory cgroup, 3 when not root or no memory cgroup is mounted."},
    footer = {
        "",
        "CGROUP is a memory cgroup as the kernel names it in /proc/PID/cgroup and in",
        "OOM reports (oom_memcg=...): a path relative to the memory controller's mount.",
        "An absolute path under the mount works too.",
        "",
        "Examples:",
        "  oomlab listen /oomlab/run-4242-demo/A --count 1 --timeout 30s",
        "  {\"t_mono_ns\":460866801234,\"cgroup\":\"/oomlab/run-4242-demo/A\",\"kind\":\"oom\",\"count\":1}",
        "  oomlab listen /sys/fs/cgroup/memory/oomlab/run-4242-demo/A --threshold 16777216",
        "  oomlab listen --foreign /system.slice/app.service --count 1   # a cgroup oomlab did not create"})
public final class ListenCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "CGROUP", description = "memory cgroups in oomlab's subtree to listen to (see below)")
  List<String> cgroups = new ArrayList<>();

  @Option(names = "--foreign", paramLabel = "CGROUP",
      description = "a memory cgroup outside oomlab's subtree to listen to anyway (repeat per cgroup): "
          + "on v1 this writes a registration into its cgroup.event_control")
  List<String> foreign = new ArrayList<>();

  @Option(names = "--count", paramLabel = "N", description = "exit after N lines")
  Long count;

  @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class,
      description = "exit after DUR (500ms, 30s, 2m, PT30S); default: never")
  Duration timeout;

  @Option(names = "--threshold", paramLabel = "BYTES", description = "v1: also report memory.usage_in_bytes crossing BYTES")
  Long threshold;

  @Option(names = "--pressure", paramLabel = "LEVEL",
      description = "v1: also report memory.pressure_level LEVEL (low, medium, critical[,hierarchy|local])")
  String pressure;

  @Option(names = "--psi", paramLabel = "TRIGGER",
      description = "v2: also report a PSI trigger on memory.pressure, e.g. \"some 150000 1000000\"")
  String psi;

  /** Whether we run as root; a seam for the test of the exit-3 path. */
  BooleanSupplier root = Posix::isRoot;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (count != null && count < 1) return fail(err, Oomlab.EXIT_BAD_INPUT, "--count must be at least 1, got " + count);
    if (!root.getAsBoolean()) {
      return fail(err, Oomlab.EXIT_ENVIRONMENT, "must run as root (cgroup.event_control and memory.events registrations need it)");
    }
    Optional<MemoryHierarchy> memory = CgroupHierarchies.detect().memory();
    if (memory.isEmpty()) return fail(err, Oomlab.EXIT_ENVIRONMENT, "no memory cgroup: neither a v1 memory mount nor cgroup2 with the memory controller");
    MemoryHierarchy h = memory.get();
    if (cgroups.isEmpty() && foreign.isEmpty()) return fail(err, Oomlab.EXIT_BAD_INPUT, "name at least one CGROUP (or --foreign CGROUP)");

    Map<String, Path> dirs = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(cgroups);
    all.addAll(foreign);
    WriteGuard ours = WriteGuard.below(h.mount().resolve(AgentRoot.NAME), Optional.empty());
    for (String given : all) {
      Optional<Path> dir = resolve(h, given);
      if (dir.isEmpty()) return fail(err, Oomlab.EXIT_BAD_INPUT, given + ": not below the memory cgroup mount " + h.mount());
      if (!foreign.contains(given) && !ours.covers(dir.get())) {
        return fail(err, Oomlab.EXIT_BAD_INPUT, given + ": outside oomlab's subtree " + h.mount().resolve(AgentRoot.NAME)
            + (h.version() == CgroupVersion.V1 ? " (listening writes a registration into its cgroup.event_control)" : "")
            + ": name it with --foreign " + given + " to listen there anyway");
      }
      String marker = h.version() == CgroupVersion.V1 ? "memory.oom_control" : "memory.events";
      if (!Files.exists(dir.get().resolve(marker))) {
        return fail(err, Oomlab.EXIT_BAD_INPUT, given + ": not a memory cgroup (no " + dir.get().resolve(marker) + ")");
      }
      dirs.put(given, dir.get());
    }

    LinePrinter printer = new LinePrinter(out, count, dirs.size());
    LinkedBlockingQueue<Exception> errors = new LinkedBlockingQueue<>();
    // SIGINT/SIGTERM end the listening as --timeout does, closing every eventfd, then exit 130/143.
    try (StopRequest stop = StopRequest.install(line -> fail(err, 0, line));
         OomListener listener = OomListener.start(printer, errors::add)) {
      for (var e : dirs.entrySet()) {
        try {
          register(listener, h.version(), e.getKey(), e.getValue());
        } catch (NativeException.NoSuchFile | NativeException.InvalidArgument bad) {
          return fail(err, Oomlab.EXIT_BAD_INPUT, e.getKey() + ": " + bad.getMessage());
        }
      }
      long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        // Wake at least every 100 ms to notice a listener error.
        if (left <= 0 || printer.done.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
          return Oomlab.EXIT_OK;
        }
        if (stop.requested()) return stop.exitCode();
        Exception failure = errors.poll();
        if (failure != null) return fail(err, Oomlab.EXIT_ENVIRONMENT, failure.getMessage());
      }
    }
  }

  private void register(OomListener listener, CgroupVersion version, String label, Path dir) throws IOException {
    if (version == CgroupVersion.V1) {
      listener.watchOom(label, dir);
      if (threshold != null) listener.watchUsageThreshold(label, dir, threshold);
      if (pressure != null) listener.watchPressureLevel(label, dir, pressure);
    } else {
      listener.watchMemoryEvents(label, dir);
      if (psi != null) listener.watchPsi(label, dir, psi);
    }
  }

  /**
   * Prints on the listener's own thread, right after its wake-up: handing events to another
   * thread first would add a scheduler wake-up to every line's latency. Counts lines for --count,
   * and prints {@code removed} once per cgroup (each of its registrations reports it); when every
   * cgroup is removed nothing more can come, and {@link #done} opens.
   */
  static final class LinePrinter implements Consumer<OomEvent> {
    final CountDownLatch done = new CountDownLatch(1);
    private final PrintWriter out;
    private final Long limit;
    private final int cgroups;
    private final Set<String> removed = new HashSet<>();
    private long printed;

    LinePrinter(PrintWriter out, Long limit, int cgroups) {
      this.out = out;
      this.limit = limit;
      this.cgroups = cgroups;
      jsonLine(new OomEvent(0, "", OomEvent.Kind.OOM, 0)); // load Jackson's serialisers before the first event
    }

    @Override
    public synchronized void accept(OomEvent e) {
      if (done.getCount() == 0) return;
      if (e.kind() == OomEvent.Kind.REMOVED && !removed.add(e.cgroup())) return;
      out.println(jsonLine(e));
      out.flush();
      printed++;
      if ((limit != null && printed >= limit) || removed.size() == cgroups) done.countDown();
    }
  }

  /**
   * The cgroup directory for {@code given}: an absolute path under the mount as is, anything else
   * relative to the mount (the form of /proc/PID/cgroup); empty if it leaves the mount.
   */
  static Optional<Path> resolve(MemoryHierarchy h, String given) {
    Path mount = h.mount().normalize();
    Path p = Path.of(given);
    // Spelled from the mount on: the absolute form (and it must stay below the mount once normalized).
    Path dir = p.startsWith(mount) ? p.normalize() : mount.resolve(given.replaceFirst("^/+", "")).normalize();
    return dir.startsWith(mount) ? Optional.of(dir) : Optional.empty();
  }

  /** {@code {"t_mono_ns":..,"cgroup":"..","kind":"..","count":N}} */
  static String jsonLine(OomEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t_mono_ns", e.tMonoNs());
    m.put("cgroup", e.cgroup());
    m.put("kind", e.kind().label());
    m.put("count", e.count());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex); // a map of strings and numbers always serialises
    }
  }

  private static int fail(PrintWriter err, int code, String message) {
    err.println("oomlab listen: " + message);
    err.flush();
    return code;
  }
}

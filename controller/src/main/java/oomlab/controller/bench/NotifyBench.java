package oomlab.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import oomlab.agent.listen.OomEvent;
import oomlab.agent.listen.OomListener;
import oomlab.agent.run.KernelRelease;
import oomlab.model.scenario.CgroupVersion;

/**
 * {@code oomlab bench notify}: how long a memcg OOM takes to reach userspace. N hogs OOM one after
 * another in a 16 MiB memcg (each forked by the C baseline after the previous one was reaped, so
 * OOMs never overlap); oomlab's listener ({@link OomListener}: epoll, v1 eventfd / v2
 * memory.events + inotify) and the C listener (a blocking read(2) on the same facility, nothing
 * else) watch the same memcg at once, so every OOM is measured on both sides in the same moment.
 *
 * <p>Two references for a listener's wake-up, stamped CLOCK_MONOTONIC. The kernel's waking of the
 * listener's thread ({@link SchedWakeups}, sched_waking: the kernel signalled, the thread became
 * runnable): stamp minus waking is the wake-up latency, what the scheduler and the listener add
 * (the fields {@code oomlabWakeup}, {@code cWakeup}, their {@code wakeupRatio}), measured over 2N
 * more OOMs that the two listeners hear in turn (A/B/A/B, two memcgs): woken by the same OOM,
 * both land on the hog's CPU and one waits for the other to run, which a shared OOM cannot tell
 * from a listener's own cost. And the printk
 * stamps of that hog's OOM report: its {@code Killed process} line (always printed) and, where
 * the ratelimit let it through, its first line ({@code invoked oom-killer}); the kernel signals
 * both facilities in mem_cgroup_oom() before it prints the report, and printk's clock
 * (local_clock) may be off CLOCK_MONOTONIC by a millisecond or more, so these can be negative and
 * are compared as differences only. During the OOMs this JVM runs nothing but the listener: the C
 * programs' output and /dev/kmsg are read afterwards, the listener's wake-up path is warmed up
 * ({@link OomListener#warmUp}) and the heap collected before the first hog.
 */
public final class NotifyBench {
  static final long LIMIT = 16L << 20;
  static final long HOG_BYTES = 64L << 20;
  /** comm of the listener's thread ("oomlab-oom-listener", cut to TASK_COMM_LEN - 1). */
  private static final String LISTENER_COMM = "oomlab-oom-list";
  /** OomListener.warmUp rounds before the OOMs: the wake-up path compiled by C2, as a long-running listener's is. */
  static final int LISTENER_WARMUP = 20_000;

  /**
   * The figures of one run of the benchmark; latencies in µs. {@code wakeups}: OOMs with both
   * listeners' sched_waking found ({@code oomlabWakeup}, {@code cWakeup} over those).
   */
  public record Result(String kernel, String cgroupVersion, String facility, int ooms, int matched,
                       Latency oomlabSinceKilled, Latency cSinceKilled, int withHeader,
                       Latency oomlabSinceInvoked, Latency cSinceInvoked, Latency oomlabMinusC,
                       int wakeups, Latency oomlabWakeup, Latency cWakeup, Latency.Ratio wakeupRatio,
                       Latency oomlabRunDelay, Latency cRunDelay, int listenerWarmUp, String loadBefore,
                       String loadAfter) {}

  /** One hog of the loop: pid, forked and reaped (ns). */
  record Hog(long pid, long forkedNs, long reapedNs) {}

  /** The kernel's wakings of the two listeners' threads. */
  record Wakings(long javaTid, long cTid, List<SchedWakeups.Waking> wakings) {
    static final Wakings NONE = new Wakings(-1, -1, List.of());
  }

  /** A logged baseline program, ended and its output file removed on close. */
  private record Logged(BaselineProgram program) implements AutoCloseable {
    @Override
    public void close() {
      program.closeAndRemoveLog();
    }
  }

  private NotifyBench() {}

  public static Result run(int n) throws IOException, InterruptedException {
    String loadBefore = HostLoad.now();
    try (BenchCgroup cg = BenchCgroup.create("notify", LIMIT); KmsgOomReports kmsg = new KmsgOomReports()) {
      boolean v1 = cg.version() == CgroupVersion.V1;
      Path a = cg.cgroup().path();
      Path b = cg.sibling("hog-c", LIMIT).path();
      ConcurrentLinkedQueue<Long> javaStamps = new ConcurrentLinkedQueue<>();
      List<Long> cStamps = new ArrayList<>();
      List<Long> cAloneStamps = new ArrayList<>();
      List<Hog> hogs;
      List<Hog> alternating = List.of();
      List<KmsgOomReports.Report> reports = new ArrayList<>();
      Wakings wakings = Wakings.NONE;
      try (OomListener listener = OomListener.start(e -> {
            if (e.kind() == OomEvent.Kind.OOM) javaStamps.add(e.tMonoNs());
          }, e -> System.err.println("oomlab bench notify: listener: " + e.getMessage()))) {
        if (v1) listener.watchOom("hog", a);
        else listener.watchMemoryEvents("hog", a);
        OomListener.warmUp(LISTENER_WARMUP);
        // Part 1: both listeners on the same OOMs (the per-OOM difference, oomlabMinusC).
        try (Logged cListener = listenerOn(v1, a)) {
          System.gc(); // the garbage of setup and warm-up is collected now, not in a pause during an OOM
          hogs = hogs(n, "hogs", a.resolve("cgroup.procs").toString());
          Thread.sleep(300); // notifications still on their way
          for (String[] w : cListener.program().loggedLines()) if (w[0].equals("oom")) cStamps.add(Long.parseLong(w[1]));
        }
        for (Hog h : hogs) kmsg.of(h.pid(), Duration.ofSeconds(2)).ifPresent(reports::add); // before part 2's OOMs overwrite them
        // Part 2: 2n more OOMs, each heard by one listener, in turn (A: oomlab's, B: C's), so that
        // the two never compete for the CPU the kernel woke them both on (wake-affine: the hog's;
        // the scheduler runs one, then the other): the wake-up latencies, n per listener.
        long javaTid = threadNamed(LISTENER_COMM);
        try (Logged cListener = listenerOn(v1, b)) {
          Optional<SchedWakeups> trace = javaTid < 0 ? Optional.empty() : SchedWakeups.start(List.of(javaTid, cListener.program().pid()));
          try {
            System.gc();
            alternating = hogs(2 * n, "hogs2", a.resolve("cgroup.procs").toString(), b.resolve("cgroup.procs").toString());
            Thread.sleep(300);
            if (trace.isPresent()) {
              try {
                wakings = new Wakings(javaTid, cListener.program().pid(), trace.get().read());
              } catch (IOException e) {
                System.err.println("oomlab bench notify: reading the sched_waking trace: " + e + "; wake-up latencies not measured");
              }
            }
          } finally {
            trace.ifPresent(SchedWakeups::close);
          }
          for (String[] w : cListener.program().loggedLines()) if (w[0].equals("oom")) cAloneStamps.add(Long.parseLong(w[1]));
        }
      }
      Result shared = match(n, v1 ? "v1 eventfd (memory.oom_control)" : "v2 memory.events (inotify)", cg.version(), hogs, reports,
          List.copyOf(javaStamps), cStamps, loadBefore, HostLoad.now());
      return withWakeups(shared, alternating, List.copyOf(javaStamps), cAloneStamps, wakings);
    }
  }

  /** A C listener on {@code dir}, ready. */
  private static Logged listenerOn(boolean v1, Path dir) throws IOException, InterruptedException {
    Logged l = new Logged(BaselineProgram.startLogged(v1 ? "listen-v1" : "listen-v2", dir.toString(), Integer.toString(Integer.MAX_VALUE)));
    try {
      l.program().awaitLogged("ready", Duration.ofSeconds(10));
      return l;
    } catch (IOException | InterruptedException | RuntimeException e) {
      l.close();
      throw e;
    }
  }

  /** Runs the C hog loop ({@code hogs} or {@code hogs2}) to its end, then reads its lines: no thread of ours wakes per hog. */
  private static List<Hog> hogs(int n, String mode, String... procs) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(mode));
    args.addAll(List.of(procs));
    args.add(Integer.toString(n));
    args.add(Long.toString(HOG_BYTES));
    List<Hog> hogs = new ArrayList<>();
    try (Logged loop = new Logged(BaselineProgram.startLogged(args.toArray(String[]::new)))) {
      loop.program().awaitExit(Duration.ofSeconds(30L + n));
      for (String[] w : loop.program().loggedLines()) {
        if (w[0].equals("hog")) hogs.add(new Hog(Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3])));
      }
    }
    return hogs;
  }

  /**
   * {@code shared} with the wake-up figures of the alternating part: hogs 0, 2, 4... OOMed where only
   * oomlab listened, 1, 3, 5... where only C did; each listener's first stamp in its hogs' lives
   * held against its thread's sched_waking.
   */
  static Result withWakeups(Result shared, List<Hog> alternating, List<Long> javaStamps, List<Long> cStamps, Wakings wakings) {
    List<Long> javaWakeup = new ArrayList<>();
    List<Long> cWakeup = new ArrayList<>();
    List<Long> javaRun = new ArrayList<>();
    List<Long> cRun = new ArrayList<>();
    for (int i = 0; i < alternating.size(); i++) {
      Hog h = alternating.get(i);
      long to = i + 1 < alternating.size() ? alternating.get(i + 1).forkedNs() : Long.MAX_VALUE;
      boolean java = (i & 1) == 0;
      long tid = java ? wakings.javaTid() : wakings.cTid();
      var stamp = (java ? javaStamps : cStamps).stream().filter(t -> t >= h.forkedNs() && t < to).min(Long::compare);
      if (stamp.isEmpty()) continue;
      var wake = SchedWakeups.latency(wakings.wakings(), tid, stamp.get());
      if (wake.isEmpty()) continue;
      (java ? javaWakeup : cWakeup).add(wake.get());
      SchedWakeups.runDelay(wakings.wakings(), tid, stamp.get()).ifPresent(java ? javaRun::add : cRun::add);
    }
    Latency jWake = Latency.ofNanos(javaWakeup);
    Latency cWake = Latency.ofNanos(cWakeup);
    return new Result(shared.kernel(), shared.cgroupVersion(), shared.facility(), shared.ooms(), shared.matched(),
        shared.oomlabSinceKilled(), shared.cSinceKilled(), shared.withHeader(), shared.oomlabSinceInvoked(),
        shared.cSinceInvoked(), shared.oomlabMinusC(), Math.min(javaWakeup.size(), cWakeup.size()), jWake, cWake,
        jWake.over(cWake), Latency.ofNanos(javaRun), Latency.ofNanos(cRun), shared.listenerWarmUp(), shared.loadBefore(),
        HostLoad.now());
  }

  /** The tid of this process's thread whose comm is {@code comm}, waiting up to 1 s for it to run; -1 if none. */
  private static long threadNamed(String comm) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (var tasks = Files.list(Path.of("/proc/self/task"))) {
        for (Path t : tasks.toList()) {
          try {
            if (Files.readString(t.resolve("comm")).strip().equals(comm)) return Long.parseLong(t.getFileName().toString());
          } catch (IOException gone) {
            // a thread that ended while we listed
          }
        }
      } catch (IOException e) {
        return -1;
      }
      Thread.sleep(10);
    }
    return -1;
  }

  static Result match(int n, String facility, CgroupVersion version, List<Hog> hogs, List<KmsgOomReports.Report> reports,
                      List<Long> javaStamps, List<Long> cStamps) {
    return match(n, facility, version, hogs, reports, javaStamps, cStamps, "?", "?");
  }

  /**
   * Pairs each hog's OOM report with each listener's first wake-up in that hog's life (its fork to
   * the next hog's fork: a notification may come after the reap). No wake-up figures: see
   * {@link #withWakeups}.
   */
  static Result match(int n, String facility, CgroupVersion version, List<Hog> hogs, List<KmsgOomReports.Report> reports,
                      List<Long> javaStamps, List<Long> cStamps, String loadBefore, String loadAfter) {
    List<Long> javaKilled = new ArrayList<>();
    List<Long> cKilled = new ArrayList<>();
    List<Long> javaInvoked = new ArrayList<>();
    List<Long> cInvoked = new ArrayList<>();
    List<Long> javaMinusC = new ArrayList<>();
    for (int i = 0; i < hogs.size(); i++) {
      Hog h = hogs.get(i);
      long to = i + 1 < hogs.size() ? hogs.get(i + 1).forkedNs() : Long.MAX_VALUE;
      var j = javaStamps.stream().filter(t -> t >= h.forkedNs() && t < to).min(Long::compare);
      var c = cStamps.stream().filter(t -> t >= h.forkedNs() && t < to).min(Long::compare);
      if (j.isEmpty() || c.isEmpty()) continue;
      var report = reports.stream().filter(r -> r.pid() == h.pid()).findFirst();
      if (report.isEmpty()) continue;
      javaKilled.add(j.get() - report.get().killedNs());
      cKilled.add(c.get() - report.get().killedNs());
      javaMinusC.add(j.get() - c.get());
      if (report.get().hasHeader()) {
        javaInvoked.add(j.get() - report.get().invokedNs());
        cInvoked.add(c.get() - report.get().invokedNs());
      }
    }
    Latency none = Latency.ofNanos(new long[0]);
    return new Result(KernelRelease.current(), version.label(), facility, n, javaKilled.size(), Latency.ofNanos(javaKilled),
        Latency.ofNanos(cKilled), javaInvoked.size(), Latency.ofNanos(javaInvoked), Latency.ofNanos(cInvoked),
        Latency.ofNanos(javaMinusC), 0, none, none, none.over(none), none, none, LISTENER_WARMUP, loadBefore, loadAfter);
  }

  public static String text(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "notify: kernel %s, cgroup %s, %s; %d OOMs, %d with a kill report and both "
        + "notifications, %d of them with the report's header (ratelimited: 10 per 5 s)%n", r.kernel(), r.cgroupVersion(),
        r.facility(), r.ooms(), r.matched(), r.withHeader()));
    sb.append(String.format(Locale.ROOT, "latency to the listener's wake-up, µs, median / p90 / max (negative: before the line)%n"));
    sb.append(String.format(Locale.ROOT, "  %-30s %-28s %-28s%n", "", "since 'invoked oom-killer'", "since 'Killed process'"));
    sb.append(String.format(Locale.ROOT, "  %-30s %-28s %-28s%n", "oomlab (Java, OomListener)", r.oomlabSinceInvoked().text(),
        r.oomlabSinceKilled().text()));
    sb.append(String.format(Locale.ROOT, "  %-30s %-28s %-28s%n", "baseline (C, blocking read)", r.cSinceInvoked().text(),
        r.cSinceKilled().text()));
    sb.append(String.format(Locale.ROOT, "oomlab minus C per OOM, µs: %s%n", r.oomlabMinusC().text()));
    if (r.wakeups() > 0) {
      sb.append(String.format(Locale.ROOT, "wake-up latency (the kernel's sched_waking of the listener thread to its stamp), %d OOMs "
          + "each, more OOMs heard by one listener each in turn, µs median / p90 / max:%n  oomlab %s   C %s   oomlab/C %s%n", r.wakeups(), r.oomlabWakeup().text(), r.cWakeup().text(),
          r.wakeupRatio().text()));
      sb.append(String.format(Locale.ROOT, "  of which waiting for a CPU (sched_waking to sched_switch): oomlab %s   C %s%n",
          r.oomlabRunDelay().text(), r.cRunDelay().text()));
    } else {
      sb.append("wake-up latency: not measured (no sched_waking trace)\n");
    }
    sb.append(String.format(Locale.ROOT, "load %s -> %s%n", r.loadBefore(), r.loadAfter()));
    return sb.toString();
  }
}

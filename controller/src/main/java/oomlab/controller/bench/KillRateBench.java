package oomlab.controller.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import oomlab.agent.run.KernelRelease;
import oomlab.agent.workload.Workload;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.agent.workload.WorkloadExit;
import oomlab.agent.workload.WorkloadLauncher;
import oomlab.agent.workload.WorkloadListener;
import oomlab.agent.workload.WorkloadReport;
import oomlab.agent.workload.WorkloadSpec;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.TaskSpec;

/**
 * {@code oomlab bench kill-rate}: how many memcg OOM kills per second the kernel does here, and
 * where the time of one goes. Hogs one at a time, each touching 64 MiB in a 16 MiB memcg until the
 * OOM killer kills it: charge (from the hog's start to the kernel's {@code Killed process} printk
 * line: faulting 16 MiB in, reclaim failing, the OOM report), the report header (from {@code
 * invoked oom-killer} to the Killed line: dump_header with its task dump, printed only for the
 * first 10 kills in 5 s) and exit (to the parent reaping it: signal delivery, exit_mmap,
 * uncharge). Driven by oomlab exactly as a run drives a task ({@link WorkloadLauncher}: spawn of
 * the C workload program, its ready report, the start byte, its reaped exit) and, as the baseline,
 * by a C loop (fork, join the memcg, touch: no exec, no JVM), so the difference is the driver's
 * cost and the baseline's rate is close to what the kernel allows. The two drivers take turns,
 * one kill each (A/B/A/B), so that a noisy moment on the shared machine falls on both; a driver's
 * kills per second are its kills over the time its own kills took (launch or fork to reap).
 */
public final class KillRateBench {
  static final long LIMIT = 16L << 20;
  static final long HOG_BYTES = 64L << 20;

  /**
   * One driver's kills: kills per second over the time they took and the phases of a kill;
   * {@code perKill} is each kill's whole time (launch or fork to reap).
   */
  public record Loop(String driver, int kills, int reported, double seconds, double killsPerSecond,
                     Latency launch, Latency charge, Latency reportHeader, Latency exit, Latency perKill) {}

  /** {@code ratio}: oomlab's kills per second over C's; loads from /proc/loadavg before and after. */
  public record Result(String kernel, String cgroupVersion, long limitBytes, long hogBytes, Loop oomlab, Loop c,
                       double ratio, boolean interleaved, String loadBefore, String loadAfter) {}

  /** One hog: when it was launched, started allocating, and was reaped (ns, CLOCK_MONOTONIC). */
  record Hog(long pid, long launchedNs, long startNs, long reapedNs) {}

  private KillRateBench() {}

  public static Result run(int n) throws IOException, InterruptedException {
    String loadBefore = HostLoad.now();
    try (BenchCgroup cg = BenchCgroup.create("killrate", LIMIT); KmsgOomReports kmsg = new KmsgOomReports()) {
      Path procs = cg.cgroup().path().resolve("cgroup.procs");
      List<Hog> java = new ArrayList<>();
      List<Hog> c = new ArrayList<>();
      try (JavaDriver j = new JavaDriver(procs);
           BaselineProgram loop = BaselineProgram.start("hog", procs.toString(), Long.toString(HOG_BYTES))) {
        loop.expect("ready");
        j.kill(); // the first launch links the spawn and pidfd downcalls: not a kill of the steady state
        for (int i = 0; i < n; i++) {
          boolean javaFirst = (i & 1) == 0;
          for (int side = 0; side < 2; side++) {
            if ((side == 0) == javaFirst) java.add(j.kill());
            else c.add(cKill(loop));
          }
          kmsg.drain(); // between kills, outside both drivers' time: the ring buffer keeps no 80 reports for sure
        }
      }
      Loop oj = loop("oomlab (Java, WorkloadLauncher)", java, reports(kmsg, java), true);
      Loop oc = loop("baseline (C fork loop)", c, reports(kmsg, c), false);
      return new Result(KernelRelease.current(), cg.version().label(), LIMIT, HOG_BYTES, oj, oc,
          oj.killsPerSecond() / oc.killsPerSecond(), true, loadBefore, HostLoad.now());
    }
  }

  private static List<KmsgOomReports.Report> reports(KmsgOomReports kmsg, List<Hog> hogs) throws IOException {
    List<KmsgOomReports.Report> reports = new ArrayList<>();
    for (Hog h : hogs) kmsg.of(h.pid(), Duration.ofSeconds(2)).ifPresent(reports::add);
    return reports;
  }

  /** oomlab's side: one launcher (made on this thread, so it spawns without a hand-off) and a hog task. */
  private static final class JavaDriver implements AutoCloseable {
    private final WorkloadLauncher launcher = new WorkloadLauncher(WorkloadBinary.locate(), Path.of("/tmp"));
    private final WorkloadSpec spec;
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
    private final WorkloadListener listener = new WorkloadListener() {
      @Override
      public void reported(long nanos, WorkloadReport report) {
        if (report instanceof WorkloadReport.Ready) ready.complete(null);
        if (report instanceof WorkloadReport.Error e) ready.completeExceptionally(new IOException("hog: " + e));
      }

      @Override
      public void exited(long nanos, String task, long pid, WorkloadExit exit) {
        ready.completeExceptionally(new IOException("hog exited before it was ready: " + exit.describe()));
      }
    };

    JavaDriver(Path procs) {
      TaskSpec task = new TaskSpec("hog", "hog", HOG_BYTES, 1L << 20, AllocationMode.TOUCH, 0, 1, Optional.empty(), Optional.empty());
      this.spec = new WorkloadSpec(task, procs);
    }

    Hog kill() throws IOException, InterruptedException {
      ready = new CompletableFuture<>();
      long launched = System.nanoTime();
      Workload w = launcher.launch(spec, listener);
      try {
        ready.get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        w.start("hog");
        w.exit("hog").get(30, TimeUnit.SECONDS);
        return new Hog(w.pid("hog").orElseThrow(), launched, start, System.nanoTime());
      } catch (ExecutionException | TimeoutException e) {
        w.kill();
        throw new IOException("oomlab-workload: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      launcher.close();
    }
  }

  private static Hog cKill(BaselineProgram loop) throws IOException {
    loop.send("hog");
    String[] w = loop.expect("hog");
    long forked = Long.parseLong(w[2]);
    return new Hog(Long.parseLong(w[1]), forked, forked, Long.parseLong(w[3]));
  }

  static Loop loop(String driver, List<Hog> hogs, List<KmsgOomReports.Report> reports, boolean hasLaunch) {
    List<Long> launch = new ArrayList<>();
    List<Long> charge = new ArrayList<>();
    List<Long> report = new ArrayList<>();
    List<Long> exit = new ArrayList<>();
    int reported = 0;
    for (Hog h : hogs) {
      if (hasLaunch) launch.add(h.startNs() - h.launchedNs());
      var r = reports.stream().filter(x -> x.pid() == h.pid()).findFirst();
      if (r.isEmpty()) continue;
      reported++;
      charge.add(r.get().killedNs() - h.startNs());
      if (r.get().hasHeader()) report.add(r.get().killedNs() - r.get().invokedNs());
      exit.add(h.reapedNs() - r.get().killedNs());
    }
    long[] perKill = hogs.stream().mapToLong(h -> h.reapedNs() - h.launchedNs()).toArray();
    double seconds = java.util.Arrays.stream(perKill).sum() / 1e9;
    return new Loop(driver, hogs.size(), reported, seconds, hogs.size() / seconds, Latency.ofNanos(launch),
        Latency.ofNanos(charge), Latency.ofNanos(report), Latency.ofNanos(exit), Latency.ofNanos(perKill));
  }

  public static String text(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "kill-rate: kernel %s, cgroup %s, one hog at a time touching %d MiB in a %d MiB memcg, "
        + "the drivers taking turns; load %s -> %s%n", r.kernel(), r.cgroupVersion(), r.hogBytes() >> 20, r.limitBytes() >> 20,
        r.loadBefore(), r.loadAfter()));
    sb.append(String.format(Locale.ROOT, "%-34s %6s %8s  %-22s %-22s %-22s %-22s%n", "driver", "kills", "kills/s",
        "launch µs med/p90/max", "charge µs", "header µs", "exit µs"));
    for (Loop l : List.of(r.oomlab(), r.c())) {
      sb.append(String.format(Locale.ROOT, "%-34s %6d %8.1f  %-22s %-22s %-22s %-22s%n", l.driver(), l.kills(),
          l.killsPerSecond(), l.launch().text(), l.charge().text(), l.reportHeader().text(), l.exit().text()));
    }
    sb.append(String.format(Locale.ROOT, "oomlab / C kills per second: %.2fx%n", r.ratio()));
    sb.append("launch: spawn to the workload's ready report; charge: start (C: fork) to the Killed process printk line;\n"
        + "header: the report from 'invoked oom-killer' to 'Killed process' (only the first 10 kills per 5 s: printk\n"
        + "ratelimit); exit: Killed line to the parent's reap. kills/s: kills over their own time, launches included.\n");
    return sb.toString();
  }
}

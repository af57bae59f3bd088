package oomlab.controller.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import oomlab.agent.run.KernelRelease;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.agent.workload.WorkloadSpec;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.TaskSpec;

/**
 * {@code oomlab bench kill-rate}: how many memcg OOM kills per second the kernel does here, and
 * where the time of one goes. A loop of hogs, one at a time, each touching 64 MiB in a 16 MiB
 * memcg until the OOM killer kills it: charge (from the hog's start to the kernel's {@code Killed
 * process} printk line: faulting 16 MiB in, reclaim failing, the OOM report), the report header
 * (from {@code invoked oom-killer} to the Killed line: dump_header with its task dump, printed only
 * for the first 10 kills in 5 s) and exit (to the parent reaping it: signal delivery, exit_mmap,
 * uncharge). Driven twice: by oomlab (Java launching the C workload program as the runner does:
 * fork + exec, the ready handshake over a pipe, the start byte) and, as the baseline, by a C loop
 * (fork, join the memcg, touch: no exec, no JVM), so the difference is the driver's cost and the
 * baseline's rate is close to what the kernel allows.
 */
public final class KillRateBench {
  static final long LIMIT = 16L << 20;
  static final long HOG_BYTES = 64L << 20;

  /** One driver's loop: kills per second over the whole loop and the phases of a kill. */
  public record Loop(String driver, int kills, int reported, double seconds, double killsPerSecond,
                     Latency launch, Latency charge, Latency reportHeader, Latency exit) {}

  public record Result(String kernel, String cgroupVersion, long limitBytes, long hogBytes, Loop oomlab, Loop c) {}

  /** One hog: when it was launched, started allocating, and was reaped (ns, CLOCK_MONOTONIC). */
  record Hog(long pid, long launchedNs, long startNs, long reapedNs) {}

  private KillRateBench() {}

  public static Result run(int n) throws IOException, InterruptedException {
    try (BenchCgroup cg = BenchCgroup.create("killrate", LIMIT)) {
      Path procs = cg.cgroup().path().resolve("cgroup.procs");
      Loop java;
      try (KmsgOomReports kmsg = new KmsgOomReports()) {
        List<Hog> hogs = javaLoop(procs, n);
        java = loop("oomlab (Java + oomlab-workload)", hogs, reports(kmsg, hogs), true);
      }
      // the report header's ratelimit (10 per 5 s) would otherwise be used up by the first loop
      Thread.sleep(5_000);
      Loop c;
      try (KmsgOomReports kmsg = new KmsgOomReports()) {
        List<Hog> hogs = cLoop(procs, n);
        c = loop("baseline (C fork loop)", hogs, reports(kmsg, hogs), false);
      }
      return new Result(KernelRelease.current(), cg.version().label(), LIMIT, HOG_BYTES, java, c);
    }
  }

  private static List<KmsgOomReports.Report> reports(KmsgOomReports kmsg, List<Hog> hogs) throws InterruptedException {
    List<KmsgOomReports.Report> reports = new ArrayList<>();
    for (Hog h : hogs) kmsg.of(h.pid(), Duration.ofSeconds(2)).ifPresent(reports::add);
    return reports;
  }

  private static List<Hog> javaLoop(Path procs, int n) throws IOException, InterruptedException {
    TaskSpec task = new TaskSpec("hog", "hog", HOG_BYTES, 1L << 20, AllocationMode.TOUCH, 0, 1, Optional.empty(), Optional.empty());
    List<String> cmd = new WorkloadSpec(task, procs).command(WorkloadBinary.locate(), ProcessHandle.current().pid(), Path.of("/tmp"));
    List<Hog> hogs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long launched = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("hog ready")) { }
      if (line == null) throw new IOException("oomlab-workload ended before it was ready (exit " + p.waitFor() + ")");
      long start = System.nanoTime();
      p.getOutputStream().write('s');
      p.getOutputStream().flush();
      p.waitFor();
      hogs.add(new Hog(p.pid(), launched, start, System.nanoTime()));
      p.getOutputStream().close();
    }
    return hogs;
  }

  private static List<Hog> cLoop(Path procs, int n) throws IOException {
    List<Hog> hogs = new ArrayList<>();
    try (BaselineProgram loop = BaselineProgram.start("hogs", procs.toString(), Integer.toString(n), Long.toString(HOG_BYTES))) {
      loop.expect("ready");
      for (int i = 0; i < n; i++) {
        String[] w = loop.expect("hog");
        long forked = Long.parseLong(w[2]);
        hogs.add(new Hog(Long.parseLong(w[1]), forked, forked, Long.parseLong(w[3])));
      }
    }
    return hogs;
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
    double seconds = hogs.isEmpty() ? 0 : (hogs.getLast().reapedNs() - hogs.getFirst().launchedNs()) / 1e9;
    return new Loop(driver, hogs.size(), reported, seconds, hogs.size() / seconds, Latency.ofNanos(launch),
        Latency.ofNanos(charge), Latency.ofNanos(report), Latency.ofNanos(exit));
  }

  public static String text(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "kill-rate: kernel %s, cgroup %s, one hog at a time touching %d MiB in a %d MiB memcg%n",
        r.kernel(), r.cgroupVersion(), r.hogBytes() >> 20, r.limitBytes() >> 20));
    sb.append(String.format(Locale.ROOT, "%-34s %6s %8s  %-22s %-22s %-22s %-22s%n", "driver", "kills", "kills/s",
        "launch µs med/p90/max", "charge µs", "header µs", "exit µs"));
    for (Loop l : List.of(r.oomlab(), r.c())) {
      sb.append(String.format(Locale.ROOT, "%-34s %6d %8.1f  %-22s %-22s %-22s %-22s%n", l.driver(), l.kills(),
          l.killsPerSecond(), l.launch().text(), l.charge().text(), l.reportHeader().text(), l.exit().text()));
    }
    sb.append("launch: fork+exec to the workload's ready line; charge: start (C: fork) to the Killed process printk line;\n"
        + "header: the report from 'invoked oom-killer' to 'Killed process' (only the first 10 kills per 5 s: printk\n"
        + "ratelimit); exit: Killed line to the parent's reap. kills/s: the loop's wall time, launches included.\n");
    return sb.toString();
  }
}

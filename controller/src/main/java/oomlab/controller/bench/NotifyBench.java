package oomlab.controller.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * else) watch the same memcg at once. Each listener's first wake-up in a hog's life, stamped
 * CLOCK_MONOTONIC, is held against the printk stamps of that hog's OOM report: its {@code Killed
 * process} line (always printed) and, where the ratelimit let it through, its first line
 * ({@code invoked oom-killer}). The kernel signals both facilities in mem_cgroup_oom() before it
 * prints the report, so "since invoked" is the notification path's latency, "since Killed" is
 * what a daemon reacting to the kill sees.
 */
public final class NotifyBench {
  static final long LIMIT = 16L << 20;
  static final long HOG_BYTES = 64L << 20;

  /** The figures of one run of the benchmark; latencies in µs. */
  public record Result(String kernel, String cgroupVersion, String facility, int ooms, int matched,
                       Latency oomlabSinceKilled, Latency cSinceKilled, int withHeader,
                       Latency oomlabSinceInvoked, Latency cSinceInvoked, Latency oomlabMinusC) {}

  /** One hog of the loop: pid, forked and reaped (ns). */
  record Hog(long pid, long forkedNs, long reapedNs) {}

  private NotifyBench() {}

  public static Result run(int n) throws IOException, InterruptedException {
    try (BenchCgroup cg = BenchCgroup.create("notify", LIMIT); KmsgOomReports kmsg = new KmsgOomReports()) {
      boolean v1 = cg.version() == CgroupVersion.V1;
      ConcurrentLinkedQueue<Long> javaStamps = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> cStamps = new ConcurrentLinkedQueue<>();
      List<Hog> hogs = new ArrayList<>();
      try (OomListener listener = OomListener.start(e -> {
            if (e.kind() == OomEvent.Kind.OOM) javaStamps.add(e.tMonoNs());
          }, e -> System.err.println("oomlab bench notify: listener: " + e.getMessage()));
          BaselineProgram cListener = BaselineProgram.start(v1 ? "listen-v1" : "listen-v2", cg.cgroup().path().toString(),
              Integer.toString(Integer.MAX_VALUE))) {
        if (v1) listener.watchOom("hog", cg.cgroup().path());
        else listener.watchMemoryEvents("hog", cg.cgroup().path());
        cListener.expect("ready");
        Thread cReader = Thread.ofPlatform().daemon().name("oomlab-bench-c-listener").start(() -> {
          try {
            while (true) cStamps.add(Long.parseLong(cListener.expect("oom")[1]));
          } catch (IOException | RuntimeException ignored) {
            // the listener is closed at the end: its stdout ends
          }
        });
        try (BaselineProgram loop = BaselineProgram.start("hogs", cg.cgroup().path().resolve("cgroup.procs").toString(),
            Integer.toString(n), Long.toString(HOG_BYTES))) {
          loop.expect("ready");
          for (int i = 0; i < n; i++) {
            String[] w = loop.expect("hog");
            hogs.add(new Hog(Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3])));
          }
        }
        Thread.sleep(300); // notifications still on their way
        cListener.close();
        cReader.join(1000);
      }
      List<KmsgOomReports.Report> reports = new ArrayList<>();
      for (Hog h : hogs) kmsg.of(h.pid(), Duration.ofSeconds(2)).ifPresent(reports::add);
      return match(n, v1 ? "v1 eventfd (memory.oom_control)" : "v2 memory.events (inotify)", cg.version(), hogs, reports,
          List.copyOf(javaStamps), List.copyOf(cStamps));
    }
  }

  /**
   * Pairs each hog's OOM report with each listener's first wake-up in that hog's life (its fork to
   * the next hog's fork: a notification may come after the reap).
   */
  static Result match(int n, String facility, CgroupVersion version, List<Hog> hogs, List<KmsgOomReports.Report> reports,
                      List<Long> javaStamps, List<Long> cStamps) {
    List<Long> javaKilled = new ArrayList<>();
    List<Long> cKilled = new ArrayList<>();
    List<Long> javaInvoked = new ArrayList<>();
    List<Long> cInvoked = new ArrayList<>();
    List<Long> javaMinusC = new ArrayList<>();
    for (int i = 0; i < hogs.size(); i++) {
      Hog h = hogs.get(i);
      long to = i + 1 < hogs.size() ? hogs.get(i + 1).forkedNs() : Long.MAX_VALUE;
      var report = reports.stream().filter(r -> r.pid() == h.pid()).findFirst();
      var j = javaStamps.stream().filter(t -> t >= h.forkedNs() && t < to).min(Long::compare);
      var c = cStamps.stream().filter(t -> t >= h.forkedNs() && t < to).min(Long::compare);
      if (report.isEmpty() || j.isEmpty() || c.isEmpty()) continue;
      javaKilled.add(j.get() - report.get().killedNs());
      cKilled.add(c.get() - report.get().killedNs());
      javaMinusC.add(j.get() - c.get());
      if (report.get().hasHeader()) {
        javaInvoked.add(j.get() - report.get().invokedNs());
        cInvoked.add(c.get() - report.get().invokedNs());
      }
    }
    return new Result(KernelRelease.current(), version.label(), facility, n, javaKilled.size(), Latency.ofNanos(javaKilled),
        Latency.ofNanos(cKilled), javaInvoked.size(), Latency.ofNanos(javaInvoked), Latency.ofNanos(cInvoked),
        Latency.ofNanos(javaMinusC));
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
    return sb.toString();
  }
}

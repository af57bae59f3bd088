package oomlab.controller.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import oomlab.agent.kmsg.KernelOomKill;
import oomlab.agent.kmsg.KmsgFollower;
import oomlab.agent.kmsg.OomReportAssembler;

/**
 * The kernel's OOM kills, read from /dev/kmsg on a thread of their own while a benchmark runs, with
 * the printk stamp (CLOCK_MONOTONIC-like, see KmsgRecord) of the {@code Killed process} line (the
 * victim was signalled) and, when the kernel printed it, of the report's first line ({@code invoked
 * oom-killer}). The kernel prints the report's header and summary under a ratelimit (oom_rs: 10
 * per 5 s) but the Killed line always, so after the first ten kills of a fast loop only the Killed
 * line is there: kills are told apart by pid (the benchmark knows its hogs' pids), not by the
 * summary's memcg, which is missing then. /dev/kmsg is shared by every test on the machine.
 */
final class KmsgOomReports implements AutoCloseable {
  /** One kill: the victim's pid, the report's first line (-1: ratelimited away) and the Killed line, ns. */
  record Report(long pid, long invokedNs, long killedNs) {
    boolean hasHeader() {
      return invokedNs >= 0;
    }
  }

  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private final KmsgFollower follower;
  /** The current report's {@code invoked oom-killer} stamp; touched on the follower's thread only. */
  private long invoked = -1;

  KmsgOomReports() throws IOException {
    OomReportAssembler assembler = new OomReportAssembler();
    this.follower = new KmsgFollower("oomlab-bench-kmsg", record -> {
      if (record.message().contains(" invoked oom-killer: ")) invoked = record.monoNs();
      if (assembler.accept(record).orElse(null) instanceof KernelOomKill kill) {
        reports.add(new Report(kill.pid(), invoked, record.monoNs()));
        invoked = -1; // a header belongs to one report: the next kill without one had it ratelimited
      }
    }, e -> System.err.println("oomlab bench: reading /dev/kmsg: " + e.getMessage()));
  }

  List<Report> reports() {
    return List.copyOf(reports);
  }

  /** The kill of {@code pid}, waiting up to {@code timeout} for its line to be read. */
  Optional<Report> of(long pid, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Report> r = reports.stream().filter(x -> x.pid() == pid).findFirst();
      if (r.isPresent() || System.nanoTime() > deadline) return r;
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    follower.close();
  }
}

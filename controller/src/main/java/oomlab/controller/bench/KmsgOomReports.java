package oomlab.controller.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oomlab.agent.kmsg.KernelOomKill;
import oomlab.agent.kmsg.KmsgReader;
import oomlab.agent.kmsg.KmsgRecord;
import oomlab.agent.kmsg.OomReportAssembler;

/**
 * The kernel's OOM kills, read from /dev/kmsg after a benchmark's measured part, with the printk
 * stamp (CLOCK_MONOTONIC-like, see KmsgRecord) of the {@code Killed process} line (the victim was
 * signalled) and, when the kernel printed it, of the report's first line ({@code invoked
 * oom-killer}). The reader is positioned when this is made and reads nothing until {@link #of}:
 * a thread parsing the OOM reports while they are printed would compete for the CPU with the
 * driver or listener being measured, at the very moment measured (a C driver has no such thread).
 * The kernel prints the report's header and summary under a ratelimit (oom_rs: 10 per 5 s) but
 * the Killed line always, so after the first ten kills of a fast loop only the Killed line is
 * there: kills are told apart by pid (the benchmark knows its hogs' pids), not by the summary's
 * memcg, which is missing then. /dev/kmsg is shared by every test on the machine; a record
 * overwritten before it was read (the ring buffer wrapped) is a kill not found.
 */
final class KmsgOomReports implements AutoCloseable {
  /** One kill: the victim's pid, the report's first line (-1: ratelimited away) and the Killed line, ns. */
  record Report(long pid, long invokedNs, long killedNs) {
    boolean hasHeader() {
      return invokedNs >= 0;
    }
  }

  private final List<Report> reports = new ArrayList<>();
  private final KmsgReader reader;
  private final OomReportAssembler assembler = new OomReportAssembler();
  /** The current report's {@code invoked oom-killer} stamp. */
  private long invoked = -1;

  KmsgOomReports() throws IOException {
    this.reader = KmsgReader.fromNow();
  }

  private void accept(KmsgRecord record) {
    if (record.message().contains(" invoked oom-killer: ")) invoked = record.monoNs();
    if (assembler.accept(record).orElse(null) instanceof KernelOomKill kill) {
      reports.add(new Report(kill.pid(), invoked, record.monoNs()));
      invoked = -1; // a header belongs to one report: the next kill without one had it ratelimited
    }
  }

  /**
   * Reads every record logged so far, between a benchmark's measured parts: the kernel's ring
   * buffer (128 KiB here, shared with every test on the machine) would lose them to later OOMs.
   */
  void drain() throws IOException {
    for (Optional<KmsgRecord> r; (r = reader.poll()).isPresent(); ) accept(r.get());
  }

  /** The kill of {@code pid}, reading records as they come for up to {@code timeout}. */
  Optional<Report> of(long pid, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Report> r = reports.stream().filter(x -> x.pid() == pid).findFirst();
      if (r.isPresent()) return r;
      long left = deadline - System.nanoTime();
      if (left <= 0) return r;
      Optional<KmsgRecord> next = reader.next(Duration.ofNanos(left));
      if (next.isEmpty()) return Optional.empty();
      accept(next.get());
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}

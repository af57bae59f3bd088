package oomlab.agent.kmsg;

import java.util.Optional;
import oomlab.agent.oomreport.Kill;
import oomlab.agent.oomreport.LogLine;
import oomlab.agent.oomreport.OomReportParser;

/**
 * The live listener's view of the kernel log: {@link OomReportParser} (the one parser of OOM
 * reports, also behind {@code oomlab explain}) fed one kmsg message at a time, each {@code Killed
 * process} line turned into a {@link KernelOomKill} and each reaper line into an {@link
 * OomReaperReaped} as soon as it is read. Not thread-safe: one per kmsg reader.
 */
public final class OomReportAssembler {
  private final OomReportParser parser = OomReportParser.live();

  /** Feeds one kmsg record; returns the kill or reap it completes. */
  public Optional<KernelOomEvent> accept(KmsgRecord record) {
    return acceptMessage(record.message());
  }

  /** Feeds one log line in any of the forms {@link LogLine} knows. */
  public Optional<KernelOomEvent> acceptLine(String line) {
    return parser.acceptLine(line).flatMap(OomReportAssembler::event);
  }

  /** Feeds one printk message (no prefix). */
  public Optional<KernelOomEvent> acceptMessage(String message) {
    return parser.acceptMessage(message).flatMap(OomReportAssembler::event);
  }

  private static Optional<KernelOomEvent> event(OomReportParser.Step step) {
    return switch (step) {
      case OomReportParser.KillStep(Kill k) -> k.anonRssKb() == null ? Optional.empty() : Optional.of(
          new KernelOomKill(k.pid(), k.comm(), k.oomMemcg(), k.taskMemcg(), k.constraint(), k.anonRssKb(), k.oomScoreAdj()));
      case OomReportParser.ReapStep(var r) -> r.reaped()
          ? Optional.of(new OomReaperReaped(r.pid(), r.comm(), r.anonRssKb(), r.fileRssKb(), r.shmemRssKb()))
          : Optional.empty();
    };
  }
}

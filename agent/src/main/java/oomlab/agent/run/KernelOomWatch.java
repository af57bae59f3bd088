package oomlab.agent.run;

import java.io.IOException;
import java.util.function.Consumer;
import oomlab.agent.kmsg.KernelOomKill;
import oomlab.agent.kmsg.KmsgFollower;
import oomlab.agent.kmsg.OomReportAssembler;
import oomlab.agent.kmsg.OomReaperReaped;

/**
 * Reads /dev/kmsg from the run's start on a thread of its own and hands on the kernel's OOM kill
 * reports that concern this run (and every oom_reaper report, which names no memcg: the runner
 * keeps those of its own pids): /dev/kmsg is shared by every test on the machine, so only reports
 * whose {@code oom_memcg} or {@code task_memcg} lies in the run's directory pass, and reports the
 * kernel's rate limit left without a memcg, which the runner keeps only for its own pids.
 */
final class KernelOomWatch implements AutoCloseable {
  private final long openedNanos;
  private final KmsgFollower follower;

  /**
   * @param memcg the run directory as the kernel prints memcg paths, e.g. {@code /oomlab/run-123-x}
   */
  KernelOomWatch(String memcg, Consumer<RunEvent> sink) throws IOException {
    this.openedNanos = System.nanoTime();
    OomReportAssembler assembler = new OomReportAssembler(); // used on the follower's thread only
    this.follower = new KmsgFollower("oomlab-kmsg", record -> assembler.accept(record).ifPresent(event -> {
      if (event instanceof KernelOomKill kill && (kill.concerns(memcg) || kill.unattributed())) {
        sink.accept(new RunEvent.KernelKilled(stamp(record.monoNs()), kill));
      } else if (event instanceof OomReaperReaped reaped) {
        sink.accept(new RunEvent.KernelReaped(stamp(record.monoNs()), reaped));
      }
    }), e -> sink.accept(new RunEvent.Failed(System.nanoTime(), "reading /dev/kmsg", e)));
  }

  /**
   * The kill's time is the printk stamp of its {@code Killed process} line (CLOCK_MONOTONIC-like on
   * x86, see KmsgRecord), unless that clock disagrees with ours: then the moment we read it.
   */
  private long stamp(long printkNanos) {
    long now = System.nanoTime();
    return printkNanos >= openedNanos && printkNanos <= now ? printkNanos : now;
  }

  @Override
  public void close() {
    follower.close();
  }
}

package oomlab.cli;

import java.io.IOException;
import oomlab.controller.bench.OomScoreAdjBench;
import picocli.CommandLine.Command;

/** {@code oomlab bench oom-score-adj}: seed 003's oom_score_adj write latency, oomlab's writer beside a C writer. */
@Command(
    name = "oom-score-adj",
    mixinStandardHelpOptions = true,
    description = {"Latency of writing /proc/PID/oom_score_adj for a process with 1, 10, 100, 1000 threads and for one",
        "whose mm other processes share (clone(CLONE_VM), seed 003): oomlab's Java writer beside a C writer."},
    footer = {"", "Examples:", "  oomlab bench oom-score-adj --out /tmp/bench"})
public final class BenchOomScoreAdjCommand extends BenchKernelCommand {
  @Override
  String name() {
    return "oom-score-adj";
  }

  @Override
  Figures measure() throws IOException {
    OomScoreAdjBench.Result r = OomScoreAdjBench.run();
    return new Figures(OomScoreAdjBench.text(r), r);
  }
}

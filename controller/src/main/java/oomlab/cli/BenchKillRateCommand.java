package oomlab.cli;

import java.io.IOException;
import oomlab.controller.bench.KillRateBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oomlab bench kill-rate}: memcg OOM kills per second, driven by oomlab beside a C fork loop. */
@Command(
    name = "kill-rate",
    mixinStandardHelpOptions = true,
    description = {"Memcg OOM kills per second here: hogs one at a time in a 16 MiB memcg, driven by oomlab (Java",
        "launching the workload program) and by a C fork loop (baseline), with each kill's time split into",
        "charge, kernel report and exit."},
    footer = {"", "Examples:", "  oomlab bench kill-rate --kills 50"})
public final class BenchKillRateCommand extends BenchKernelCommand {
  @Option(names = "--kills", defaultValue = "30", paramLabel = "N", converter = OptionValues.PositiveInt.class, description = "Kills per driver. Default: ${DEFAULT-VALUE}.")
  int kills;

  @Override
  String name() {
    return "kill-rate";
  }

  @Override
  Figures measure() throws IOException, InterruptedException {
    KillRateBench.Result r = KillRateBench.run(kills);
    return new Figures(KillRateBench.text(r), r);
  }
}

package oomlab.cli;

import java.io.IOException;
import oomlab.controller.bench.NotifyBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oomlab bench notify}: memcg OOM to userspace notification, oomlab's listener beside a C listener. */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = {"N memcg OOMs one after another; oomlab's OOM listener (Java) and a C listener (blocking read on the",
        "same eventfd / memory.events) watch the same memcg. Latency from the kernel OOM report's first printk",
        "line to each listener's wake-up: median / p90 / max."},
    footer = {"", "Examples:", "  oomlab bench notify", "  oomlab bench notify --ooms 100 --out /tmp/bench"})
public final class BenchNotifyCommand extends BenchKernelCommand {
  @Option(names = "--ooms", defaultValue = "30", paramLabel = "N", converter = OptionValues.PositiveInt.class, description = "OOMs to cause. Default: ${DEFAULT-VALUE}.")
  int ooms;

  @Override
  String name() {
    return "notify";
  }

  @Override
  Figures measure() throws IOException, InterruptedException {
    NotifyBench.Result r = NotifyBench.run(ooms);
    return new Figures(NotifyBench.text(r), r);
  }
}

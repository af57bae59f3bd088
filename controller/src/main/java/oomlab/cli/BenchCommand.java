package oomlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oomlab bench ...}: benchmarks, each printing its figures beside a baseline of the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints its figures beside a baseline measured in the same run.",
    subcommands = {CommandLine.HelpCommand.class, BenchModelCommand.class, BenchNotifyCommand.class,
        BenchOomScoreAdjCommand.class, BenchKillRateCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

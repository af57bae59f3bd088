package oomlab.controller.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run for the agent's AOT cache (JDK 25, -XX:AOTCacheOutput): does what a guest's
 * {@code oomlab run} does before its first scenario, without touching any cgroup: the CLI parse,
 * the runner's warm-up set (FFM downcall handles, JSON mappers), loading a scenario suite.
 *
 * @see AgentJvm
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    var cl = oomlab.cli.Oomlab.commandLine();
    cl.setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    cl.execute("run", "--help");
    var run = oomlab.cli.Oomlab.commandLine(new oomlab.cli.RunCommand()); // as GuestMain parses a run
    run.setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    run.execute("--help");
    oomlab.agent.run.Warmup.startInBackground();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("oomlab-warmup")) {
        t.join(60_000);
      }
    }
    if (args.length > 0 && Files.isDirectory(Path.of(args[0]))) {
      oomlab.model.scenario.ScenarioLoader.loadAll(List.of(Path.of(args[0])));
    }
  }
}

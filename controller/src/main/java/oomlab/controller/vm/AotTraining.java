package oomlab.controller.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oomlab.cli.RunOptions;

/**
 * The training run for the agent's AOT cache (JDK 25, -XX:AOTCacheOutput): does what a guest's
 * {@code GuestMain run-options FILE} does before its first scenario, without touching any cgroup
 * and without running a scenario: reading an options file, the runner's warm-up set (FFM downcall
 * handles, JSON mappers), loading a scenario suite. No picocli: the guest agent does not load it.
 *
 * @see AgentJvm
 */
public final class AotTraining {
  private AotTraining() {}

  /** @param args a scenario suite directory to load, or nothing */
  public static void main(String[] args) throws Exception {
    Path suite = args.length > 0 && Files.isDirectory(Path.of(args[0])) ? Path.of(args[0]) : null;
    Path dir = Files.createTempDirectory("oomlab-aot-training");
    try {
      Path file = dir.resolve(VmTarget.OPTIONS_FILE);
      // An unknown target is bad input, which the run refuses after loading the suite and the
      // designs, before it looks at any cgroup.
      RunOptions written = new RunOptions(List.of(suite != null ? suite : dir), "aot-training", false, "v2", null, 1, dir, false,
          false, "300ms", 1_000_000);
      written.write(file);
      RunOptions options = RunOptions.read(file);
      oomlab.agent.run.Warmup.startInBackground();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("oomlab-warmup")) {
          t.join(60_000);
        }
      }
      if (suite != null) {
        var nowhere = new java.io.PrintWriter(java.io.Writer.nullWriter());
        oomlab.cli.Run.execute(options, nowhere, nowhere);
      }
    } finally {
      Files.deleteIfExists(dir.resolve(VmTarget.OPTIONS_FILE));
      Files.deleteIfExists(dir);
    }
  }
}

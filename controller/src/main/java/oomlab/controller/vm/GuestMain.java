package oomlab.controller.vm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import oomlab.cli.Run;
import oomlab.cli.RunOptions;

/**
 * The agent's entry point in a guest: reports {@code jvm <uptime>} on the status port as soon as
 * the JVM runs oomlab's code, then runs what it was asked ({@code run} reports {@code ready} when
 * it is about to run its first scenario: "boot to agent ready").
 *
 * <p>{@code run-options FILE} is {@code oomlab run} with the options the host wrote to FILE
 * ({@link RunOptions}; a bad file is exit 2 with one line), run without a command-line parser:
 * picocli is Java 5 bytecode, which the AOT cache cannot hold, and under TCG its classes and its
 * reflection over the options took 2.3 s of the agent's 5.8 s start. Any other arguments go to
 * the whole CLI, as {@code oomlab.cli.Oomlab} would run them.
 *
 * <p>The FFM handles and JSON mappers of a run are made on the second vCPU meanwhile ({@link
 * oomlab.agent.run.Warmup}: in one 6.1 v2 boot, three runs each, the phases before the first
 * scenario took 0.75-2.6 s with it and 2.8-7.0 s without).
 */
public final class GuestMain {
  static final String RUN_OPTIONS = "run-options";

  private GuestMain() {}

  public static void main(String[] args) {
    GuestStatusPort.report("jvm", "");
    System.exit(args.length == 2 && args[0].equals(RUN_OPTIONS) ? runOptions(Path.of(args[1])) : cli(args));
  }

  static int runOptions(Path file) {
    oomlab.agent.run.Warmup.startInBackground();
    PrintWriter stdout = new PrintWriter(System.out, true);
    PrintWriter stderr = new PrintWriter(System.err, true);
    try {
      RunOptions options;
      try {
        options = RunOptions.read(file);
      } catch (IllegalArgumentException e) {
        stderr.println("oomlab run: " + e.getMessage());
        return 2;
      } catch (IOException e) {
        stderr.println("oomlab run: cannot read options file " + file + ": " + e);
        return 2;
      }
      return Run.execute(options, stdout, stderr);
    } finally {
      stdout.flush();
      stderr.flush();
    }
  }

  /** Kept apart so that a {@code run-options} start never resolves a picocli class. */
  private static int cli(String[] args) {
    return oomlab.cli.Oomlab.commandLine().execute(args);
  }
}

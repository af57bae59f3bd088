package oomlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code oomlab} command line: one subcommand per verb of DESIGN section 6. */
@Command(
    name = "oomlab",
    mixinStandardHelpOptions = true,
    version = "oomlab 0.1.0",
    description = "OOM experiments on real kernels, held against a model of the memcg OOM locking designs.",
    subcommands = {CommandLine.HelpCommand.class, DoctorCommand.class, KernelsCommand.class, RunCommand.class,
        ListenCommand.class, ModelCommand.class, BenchCommand.class, ReportCommand.class, MatrixCommand.class, MergeCommand.class, GuestCommand.class,
        ExplainCommand.class, SelftestsCommand.class})
public final class Oomlab implements Runnable {

  /** Exit codes of DESIGN section 6. */
  public static final int EXIT_OK = 0;
  public static final int EXIT_EXPECT_FAILED = 1;
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_ENVIRONMENT = 3;
  public static final int EXIT_PANIC = 4;
  public static final int EXIT_TIMEOUT = 5;
  /** The kernel reported a problem about itself during a scenario (WARN, BUG, Oops, lockdep, lockup, stall, KASAN, new taint). */
  public static final int EXIT_KERNEL_PROBLEM = 6;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    return commandLine(new Oomlab());
  }

  /**
   * The command line of one command with oomlab's handling of usage errors. The guest agent's
   * {@code run} does not come through here: it reads its options from a file ({@link RunOptions}),
   * as picocli (Java 5 bytecode, which the AOT cache cannot hold) was the slowest part of its start.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    // Usage errors (unknown option, missing parameter) are bad input: exit 2.
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("oomlab: " + ex.getMessage());
      return EXIT_BAD_INPUT;
    });
    // Anything a command did not expect: one line and exit 1, the trace in a file (UnexpectedError).
    cl.setExecutionExceptionHandler((ex, commandLine, parsed) -> UnexpectedError.handle(ex, commandLine, parsed, commandLine.getErr()));
    return cl;
  }

  public static void main(String[] args) {
    // OSHI logs through SLF4J, which has no binding here: without this its three-line "no
    // providers" warning lands on stderr of every run, looking like an error.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    int exit;
    try {
      exit = commandLine().execute(args);
    } catch (Throwable t) { // an Error picocli lets through (OutOfMemoryError): still one line
      exit = UnexpectedError.report("oomlab", t, java.nio.file.Path.of(UnexpectedError.DEFAULT_DIR),
          new java.io.PrintWriter(System.err, true));
    }
    System.exit(exit);
  }
}

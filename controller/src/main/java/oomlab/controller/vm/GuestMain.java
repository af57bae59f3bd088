package oomlab.controller.vm;

/**
 * The agent's entry point in a guest: reports {@code jvm <uptime>} on the status port as soon as
 * the JVM runs oomlab's code, then runs the CLI as {@code oomlab.cli.Oomlab} would ({@code run}
 * reports {@code ready} when it is about to run its first scenario: "boot to agent ready"). A
 * {@code run} is parsed by a command line of that one command, which starts faster.
 */
public final class GuestMain {
  private GuestMain() {}

  public static void main(String[] args) {
    GuestStatusPort.report("jvm", "");
    System.exit(args.length > 0 && args[0].equals("run")
        ? oomlab.cli.Oomlab.commandLine(new oomlab.cli.RunCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length))
        : oomlab.cli.Oomlab.commandLine().execute(args));
  }
}

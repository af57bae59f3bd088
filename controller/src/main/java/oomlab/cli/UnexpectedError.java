package oomlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * An exception no command expected (a bug in oomlab, or a failure nobody foresaw): the user sees
 * one line saying so and where the stack trace went, never the trace itself; exit 1. The trace
 * goes to the command's results directory ({@code --out}, else {@code ./oomlab-results}), or to
 * the temporary directory when that cannot be written.
 */
final class UnexpectedError {
  static final String DEFAULT_DIR = "oomlab-results";

  private UnexpectedError() {}

  /** The handler {@link Oomlab#commandLine(Object)} installs. */
  static int handle(Throwable t, CommandLine cl, ParseResult parsed, PrintWriter err) {
    ParseResult last = parsed;
    while (last != null && last.hasSubcommand()) last = last.subcommand();
    Path dir = Path.of(DEFAULT_DIR);
    if (last != null && last.hasMatchedOption("--out") && last.matchedOptionValue("--out", null) instanceof Path out) dir = out;
    return report(commandName(cl), t, dir, err);
  }

  static int report(String command, Throwable t, Path dir, PrintWriter err) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String name = "crash-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
        + ProcessHandle.current().pid() + ".txt";
    Path file = write(dir.resolve(name), command, trace.toString());
    if (file == null) file = write(Path.of(System.getProperty("java.io.tmpdir")).resolve(name), command, trace.toString());
    err.println(command + ": unexpected error (a bug in oomlab): " + summary(t)
        + (file == null ? " (the stack trace could not be written)" : "; stack trace in " + file));
    err.flush();
    return Oomlab.EXIT_EXPECT_FAILED;
  }

  /** The message in words: the first line of the innermost message, or what kind of failure it was. */
  static String summary(Throwable t) {
    Throwable inner = t;
    while (inner.getCause() != null && inner.getCause() != inner && (inner.getMessage() == null || inner instanceof CommandLine.ExecutionException)) {
      inner = inner.getCause();
    }
    String m = inner.getMessage();
    if (inner instanceof OutOfMemoryError) return "out of memory";
    if (inner instanceof StackOverflowError) return "stack overflow";
    if (m == null || m.isBlank()) return "no message";
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  private static Path write(Path file, String command, String trace) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, command + "\n" + trace);
      return file;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String commandName(CommandLine cl) {
    StringBuilder name = new StringBuilder();
    for (CommandLine c = cl; c != null; c = c.getParent()) name.insert(0, c.getCommandName() + (name.isEmpty() ? "" : " "));
    return name.toString();
  }
}

package oomlab.controller.explain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import oomlab.agent.oomreport.OomReportParser;

/**
 * Reads saved kernel logs (files, or standard input for {@code -}) through the one OOM report
 * parser and hands each event, explained, to a consumer as soon as it is complete: memory stays
 * bounded however long the log (see {@link LogInput} and {@link OomReportParser}).
 */
public final class Explain {
  /** An input that cannot be read as a kernel log: one line for the user, exit 2. */
  public static final class BadInput extends Exception {
    public BadInput(String message) {
      super(message);
    }
  }

  /** What reading all inputs came to. */
  public record Totals(long events, long lines, long cutLines) {}

  private final Consumer<Explained> out;
  private int number;
  private long lines;
  private long cut;

  public Explain(Consumer<Explained> out) {
    this.out = out;
  }

  /** Reads one input, {@code "-"} for standard input; events of different inputs are never merged. */
  public void read(String name, InputStream stdin) throws BadInput, IOException {
    String label = name.equals("-") ? "<stdin>" : name;
    var parser = new OomReportParser(r -> out.accept(Explained.of(++number, label, r)));
    try (InputStream in = name.equals("-") ? stdin : open(name)) {
      cut += LogInput.lines(in, line -> {
        lines++;
        parser.acceptLine(line);
      });
    } catch (LogInput.NotText e) {
      throw new BadInput(label + ": " + e.getMessage());
    }
    parser.finish();
  }

  public Totals totals() {
    return new Totals(number, lines, cut);
  }

  private static InputStream open(String name) throws BadInput, IOException {
    Path p = Path.of(name);
    if (Files.isDirectory(p)) throw new BadInput(name + ": is a directory, not a kernel log");
    try {
      return Files.newInputStream(p);
    } catch (NoSuchFileException e) {
      throw new BadInput(name + ": no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new BadInput(name + ": permission denied");
    }
  }
}

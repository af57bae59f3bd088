package oomlab.controller.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The forms results are written in ({@code --format}): oomlab's own text and JSON, and the three the
 * field reads: KTAP (Documentation/dev-tools/ktap.rst, what kselftest prints), KCIDB JSON
 * (KernelCI's report schema, kcidb-io) and JUnit XML as Maven Surefire writes it.
 */
public enum ResultFormat {
  TEXT("text", null),
  JSON("json", "summary.json"),
  KTAP("ktap", "results.ktap"),
  JUNIT("junit", "junit.xml"),
  KCIDB("kcidb", "kcidb.json");

  private final String label;
  private final String file;

  ResultFormat(String label, String file) {
    this.label = label;
    this.file = file;
  }

  public String label() {
    return label;
  }

  /** The file name under the results directory; the text's depends on the command (run.txt, matrix.txt). */
  public String file(String textFile) {
    return file == null ? textFile : file;
  }

  /** The formats a {@code --format} list names, in order, each once. */
  public static List<ResultFormat> parse(List<String> names) {
    List<ResultFormat> out = new ArrayList<>();
    for (String n : names) {
      ResultFormat f = Arrays.stream(values()).filter(v -> v.label.equals(n.strip().toLowerCase(Locale.ROOT))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--format: unknown format \"" + n + "\" (use "
              + String.join(", ", Arrays.stream(values()).map(ResultFormat::label).toList()) + ")"));
      if (!out.contains(f)) out.add(f);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("--format: name at least one format");
    return out;
  }
}

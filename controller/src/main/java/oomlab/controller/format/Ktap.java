package oomlab.controller.format;

import java.util.List;

/**
 * Results as KTAP version 1 (Documentation/dev-tools/ktap.rst), the form kselftest and KUnit print
 * and {@code tools/testing/kunit/kunit.py parse} reads: each cell (a run) is a suite, each scenario
 * a test, with {@code --repeat N} each repetition a subtest ({@code run-K}). A scenario not run
 * says {@code # SKIP} and why; diagnostic lines before a result give the outcome, the era design's
 * verdict and every design's, and what went wrong. The last line is kselftest's {@code # Totals:}.
 */
public final class Ktap {
  private static final String INDENT = "    ";

  private Ktap() {}

  public static String render(List<CellResult> cells) {
    StringBuilder out = new StringBuilder("KTAP version 1\n1..").append(cells.size()).append('\n');
    int[] totals = new int[TestStatus.values().length];
    int n = 0;
    for (CellResult cell : cells) {
      n++;
      if (cell.notRun() != null) {
        totals[TestStatus.SKIP.ordinal()]++;
        out.append("ok ").append(n).append(' ').append(name(cell.name())).append(" # SKIP ").append(text(cell.notRun())).append('\n');
        continue;
      }
      if (cell.failure() != null) {
        // No results to nest: the cell is one failed test, its diagnostics saying why.
        totals[TestStatus.ERROR.ordinal()]++;
        diagnostic(out, "", cell.name() + ": " + cell.target() + ", cgroup " + cell.cgroup() + ": " + cell.failure());
        out.append("not ok ").append(n).append(' ').append(name(cell.name())).append('\n');
        continue;
      }
      String in = INDENT;
      out.append(in).append("KTAP version 1\n").append(in).append("# Subtest: ").append(name(cell.name())).append('\n');
      List<ScenarioResult> scenarios = cell.scenarios();
      out.append(in).append("1..").append(scenarios.size()).append('\n');
      int k = 0;
      for (ScenarioResult s : scenarios) {
        scenario(out, in, ++k, s, totals);
      }
      diagnostic(out, "", cell.name() + ": kernel " + (cell.kernel().isEmpty() ? "unknown" : cell.kernel()) + ", cgroup "
          + cell.cgroup() + ", " + cell.target() + ", era design " + cell.eraDesign() + ", exit " + cell.exitCode());
      out.append(result(cell.status())).append(n).append(' ').append(name(cell.name())).append('\n');
    }
    out.append("# Totals: pass:").append(totals[TestStatus.PASS.ordinal()]).append(" fail:").append(totals[TestStatus.FAIL.ordinal()])
        .append(" xfail:0 xpass:0 skip:").append(totals[TestStatus.SKIP.ordinal()]).append(" error:")
        .append(totals[TestStatus.ERROR.ordinal()]).append('\n');
    return out.toString();
  }

  private static void scenario(StringBuilder out, String in, int k, ScenarioResult s, int[] totals) {
    if (s.status() == TestStatus.SKIP) {
      totals[TestStatus.SKIP.ordinal()]++;
      out.append(in).append("ok ").append(k).append(' ').append(name(s.name())).append(" # SKIP ").append(text(s.reason())).append('\n');
      return;
    }
    if (s.runs().size() == 1) {
      ScenarioResult.Repetition r = s.runs().getFirst();
      totals[r.status().ordinal()]++;
      repetitionDiagnostics(out, in, s.name(), r);
    } else {
      String sub = in + INDENT;
      out.append(sub).append("KTAP version 1\n").append(sub).append("# Subtest: ").append(name(s.name())).append('\n');
      out.append(sub).append("1..").append(s.runs().size()).append('\n');
      for (ScenarioResult.Repetition r : s.runs()) {
        totals[r.status().ordinal()]++;
        repetitionDiagnostics(out, sub, s.name() + " run-" + r.index(), r);
        out.append(sub).append(result(r.status())).append(r.index()).append(" run-").append(r.index()).append('\n');
      }
      if (s.reason() != null) diagnostic(out, in, s.name() + ": " + s.reason());
    }
    out.append(in).append(result(s.status())).append(k).append(' ').append(name(s.name())).append('\n');
  }

  private static void repetitionDiagnostics(StringBuilder out, String in, String what, ScenarioResult.Repetition r) {
    String outcome = r.outcomeText();
    if (!outcome.isEmpty()) diagnostic(out, in, what + ": outcome: " + outcome);
    if (!r.eraVerdict().isEmpty()) diagnostic(out, in, what + ": era verdict: " + r.eraDesign() + " " + r.eraVerdict());
    String all = r.verdictText();
    if (!all.isEmpty()) diagnostic(out, in, what + ": verdicts: " + all);
    if (r.reason() != null) diagnostic(out, in, what + ": " + r.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.reason());
  }

  private static String result(TestStatus s) {
    return s.ok() ? "ok " : "not ok ";
  }

  private static void diagnostic(StringBuilder out, String in, String line) {
    out.append(in).append("# ").append(text(line)).append('\n');
  }

  /** A test name: one line, and no '#', which would start a directive. */
  private static String name(String s) {
    return text(s).replace('#', '_');
  }

  private static String text(String s) {
    return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
  }
}

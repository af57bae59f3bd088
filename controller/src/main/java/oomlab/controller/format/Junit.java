package oomlab.controller.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Results as JUnit XML in the form Maven Surefire writes ({@code TEST-*.xml}: one
 * {@code <testsuite>} with its counts, {@code <properties>}, and one {@code <testcase>} per
 * scenario run with {@code <failure>}, {@code <error>} or {@code <skipped>}), which CI widgets read.
 * The suite is the whole run or matrix; a test case's class name is {@code oomlab.SUITE.CELL} (the
 * kernel line's dots made underscores, so that readers splitting at the last dot group by cell) and
 * its name the scenario's, with {@code [K]} for the K-th repetition under {@code --repeat}.
 */
public final class Junit {
  private Junit() {}

  private record Case(String classname, String name, double seconds, TestStatus status, String message, String body) {}

  public static String render(String suiteName, List<CellResult> cells, Map<String, String> properties) {
    List<Case> cases = new ArrayList<>();
    for (CellResult cell : cells) {
      String cellName = cell.name().replace('.', '_');
      if (cell.notRun() != null || cell.failure() != null) {
        TestStatus st = cell.notRun() != null ? TestStatus.SKIP : TestStatus.ERROR;
        String why = cell.notRun() != null ? cell.notRun() : cell.failure();
        cases.add(new Case("oomlab." + cellName, cellName, 0, st, why, why));
        continue;
      }
      for (ScenarioResult s : cell.scenarios()) {
        String classname = "oomlab." + s.suite() + "." + cellName;
        if (s.runs().isEmpty()) {
          cases.add(new Case(classname, s.name(), 0, s.status(), s.reason(), s.reason()));
          continue;
        }
        for (ScenarioResult.Repetition r : s.runs()) {
          String name = s.name() + (s.runs().size() > 1 ? "[" + r.index() + "]" : "");
          String body = "outcome: " + r.outcomeText() + "\nera verdict: " + r.eraDesign() + " " + r.eraVerdict()
              + "\nverdicts: " + r.verdictText() + "\nkernel: " + cell.kernel() + ", cgroup " + cell.cgroup() + "\n";
          cases.add(new Case(classname, name, r.seconds(), r.status(), r.reason(), body));
        }
      }
    }
    double time = cases.stream().mapToDouble(Case::seconds).sum();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=")
        .append("\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd\" version=\"3.0.2\"")
        .append(" name=\"").append(attr(suiteName)).append("\" time=\"").append(seconds(time)).append("\" tests=\"").append(cases.size())
        .append("\" errors=\"").append(count(cases, TestStatus.ERROR)).append("\" skipped=\"").append(count(cases, TestStatus.SKIP))
        .append("\" failures=\"").append(count(cases, TestStatus.FAIL)).append("\">\n");
    x.append("  <properties>\n");
    properties.forEach((k, v) -> x.append("    <property name=\"").append(attr(k)).append("\" value=\"").append(attr(v)).append("\"/>\n"));
    x.append("  </properties>\n");
    for (Case c : cases) {
      x.append("  <testcase name=\"").append(attr(c.name())).append("\" classname=\"").append(attr(c.classname()))
          .append("\" time=\"").append(seconds(c.seconds())).append("\"");
      switch (c.status()) {
        case PASS -> x.append(">\n    <system-out>").append(text(c.body())).append("</system-out>\n  </testcase>\n");
        case SKIP -> x.append(">\n    <skipped message=\"").append(attr(c.message())).append("\"/>\n  </testcase>\n");
        case FAIL, ERROR -> {
          String tag = c.status() == TestStatus.FAIL ? "failure" : "error";
          String type = c.status() == TestStatus.FAIL ? "oomlab.expect" : "oomlab." + (c.message() != null && c.message().startsWith("timeout") ? "timeout" : "error");
          x.append(">\n    <").append(tag).append(" message=\"").append(attr(c.message())).append("\" type=\"").append(type).append("\">")
              .append(text(c.body())).append("</").append(tag).append(">\n  </testcase>\n");
        }
      }
    }
    return x.append("</testsuite>\n").toString();
  }

  private static long count(List<Case> cases, TestStatus s) {
    return cases.stream().filter(c -> c.status() == s).count();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  private static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  /** XML character data: the five escapes, and no character XML 1.0 cannot hold. */
  private static String text(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        default -> {
          boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
          b.appendCodePoint(legal ? c : '?');
        }
      }
    });
    return b.toString();
  }
}

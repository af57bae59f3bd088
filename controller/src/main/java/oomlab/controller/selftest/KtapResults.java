package oomlab.controller.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test results in one selftest program's KTAP (TAP 13) output: {@code ok N name}, {@code not
 * ok N name}, with a {@code # SKIP reason} (or {@code # XFAIL}) directive. Diagnostic lines
 * ({@code # ...}) and the plan are not results.
 */
public record KtapResults(List<Result> results) {
  private static final Pattern RESULT = Pattern.compile("^(not ok|ok) (\\d+) ([^#]*?)\\s*(?:#\\s*(\\w+)\\s*(.*))?$");

  public enum Status { PASS, FAIL, SKIP, XFAIL }

  public record Result(int number, String name, Status status, String reason) {}

  public KtapResults {
    results = List.copyOf(results);
  }

  public static KtapResults parse(String text) {
    List<Result> out = new ArrayList<>();
    for (String line : text.lines().toList()) {
      Matcher m = RESULT.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String directive = m.group(4) == null ? "" : m.group(4).toUpperCase(java.util.Locale.ROOT);
      boolean ok = m.group(1).equals("ok");
      Status status = directive.equals("SKIP") ? Status.SKIP : directive.equals("XFAIL") ? Status.XFAIL : ok ? Status.PASS : Status.FAIL;
      String name = m.group(3).strip();
      String reason = m.group(5) == null ? "" : m.group(5).strip();
      // kselftest's ksft_test_result_skip(name) prints "ok N # SKIP name": the reason is the name.
      out.add(new Result(Integer.parseInt(m.group(2)), name.isEmpty() ? reason : name, status, reason));
    }
    return new KtapResults(out);
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** "14 tests: 12 pass, 1 fail (test_memcg_x), 1 skip (test_memcg_swap_max)". */
  public String summary() {
    StringBuilder s = new StringBuilder(results.size() + " tests: " + count(Status.PASS) + " pass");
    for (Status st : List.of(Status.FAIL, Status.SKIP, Status.XFAIL)) {
      List<String> names = results.stream().filter(r -> r.status() == st).map(Result::name).toList();
      if (!names.isEmpty()) {
        s.append(", ").append(names.size()).append(' ').append(st.name().toLowerCase(java.util.Locale.ROOT))
            .append(" (").append(String.join(", ", names)).append(')');
      }
    }
    return s.toString();
  }
}

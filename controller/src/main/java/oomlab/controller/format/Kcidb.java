package oomlab.controller.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import oomlab.bindings.HostFacts;

/**
 * Results as a KCIDB report (KernelCI's common report database; the schema is kcidb-io's, major
 * version {@value #MAJOR}): one checkout and one build per kernel the run booted (Debian's package,
 * or this machine's kernel for {@code local}), one test per scenario run with {@code origin}
 * {@value #ORIGIN}, the dotted path {@code oomlab.SUITE.SCENARIO}, status PASS/FAIL/ERROR/SKIP, the
 * environment (target, cgroup version, the host's facts), and in {@code misc} the kernel release,
 * cgroup version, outcome, every design's verdict and the era design's. Object ids are
 * {@code oomlab:RUN:...}, RUN naming the run, so that two runs' reports do not overwrite each other.
 */
public final class Kcidb {
  public static final String ORIGIN = "oomlab";
  static final int MAJOR = 5;
  static final int MINOR = 3;
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Kcidb() {}

  /** @param runId names the run in object ids (its results directory's name) */
  public static String render(String runId, List<CellResult> cells, HostFacts host) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("version").put("major", MAJOR).put("minor", MINOR);
    ArrayNode checkouts = root.putArray("checkouts");
    ArrayNode builds = root.putArray("builds");
    ArrayNode tests = root.putArray("tests");
    Map<String, String> buildOf = new LinkedHashMap<>();
    String run = idPart(runId);
    for (CellResult cell : cells) {
      String buildId = buildOf.computeIfAbsent(cell.target(), t -> {
        String key = ORIGIN + ":" + run + ":" + idPart(t);
        ObjectNode checkout = checkouts.addObject();
        checkout.put("id", key).put("origin", ORIGIN).put("tree_name", t.equals("local") ? "local" : "debian")
            .put("comment", t.equals("local") ? "this machine's kernel" : "Debian's kernel package for " + t).put("valid", true);
        ObjectNode build = builds.addObject();
        build.put("id", key).put("checkout_id", key).put("origin", ORIGIN).put("architecture", "x86_64")
            .put("comment", t.equals("local") ? "this machine's kernel" : "Debian's amd64 build").put("status", "PASS");
        if (!cell.kernel().isEmpty()) {
          checkout.putObject("misc").put("kernel", cell.kernel());
          build.putObject("misc").put("kernel", cell.kernel());
        }
        return key;
      });
      if (cell.notRun() != null || cell.failure() != null) {
        ObjectNode test = test(tests, buildId, run, cell, "", 0);
        test.put("path", ORIGIN).put("status", cell.notRun() != null ? "SKIP" : "ERROR")
            .put("comment", cell.name() + ": " + (cell.notRun() != null ? cell.notRun() : cell.failure()));
        environment(test, cell, host);
        misc(test, cell, null, null);
        continue;
      }
      for (ScenarioResult s : cell.scenarios()) {
        String path = ORIGIN + "." + pathPart(s.suite()) + "." + pathPart(s.name());
        if (s.runs().isEmpty()) {
          ObjectNode test = test(tests, buildId, run, cell, s.name(), 0);
          test.put("path", path).put("status", s.status().name()).put("comment", s.name() + ": " + s.reason());
          environment(test, cell, host);
          misc(test, cell, s, null);
          continue;
        }
        for (ScenarioResult.Repetition r : s.runs()) {
          ObjectNode test = test(tests, buildId, run, cell, s.name(), r.index());
          String comment = r.reason() != null ? r.reason() : r.outcomeText();
          test.put("path", path).put("status", r.status().name()).put("comment", s.name()
              + (s.runs().size() > 1 ? " run " + r.index() : "") + " on " + cell.name() + ": " + comment);
          if (r.seconds() > 0) test.put("duration", r.seconds());
          environment(test, cell, host);
          misc(test, cell, s, r);
        }
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of plain nodes always serializes
    }
  }

  /**
   * A benchmark's figures ({@code bench-NAME.json}) as a KCIDB report: one test per numeric figure,
   * path {@code oomlab.bench.NAME.FIELD...}, status DONE (KCIDB's word for a measurement), the
   * figure as {@code number}, the host kernel's checkout and build, and the load in {@code misc}.
   */
  public static String bench(String runId, String name, JsonNode figures, HostFacts host) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("version").put("major", MAJOR).put("minor", MINOR);
    String run = idPart(runId);
    String key = ORIGIN + ":" + run + ":local";
    String kernel = figures.path("kernel").asText(host == null ? "" : host.kernelRelease());
    root.putArray("checkouts").addObject().put("id", key).put("origin", ORIGIN).put("tree_name", "local")
        .put("comment", "this machine's kernel").put("valid", true).putObject("misc").put("kernel", kernel);
    root.putArray("builds").addObject().put("id", key).put("checkout_id", key).put("origin", ORIGIN).put("architecture", "x86_64")
        .put("comment", "this machine's kernel").put("status", "PASS").putObject("misc").put("kernel", kernel);
    ArrayNode tests = root.putArray("tests");
    List<String[]> leaves = new java.util.ArrayList<>();
    numbers(figures, "", leaves);
    for (String[] leaf : leaves) {
      ObjectNode t = tests.addObject();
      t.put("id", key + ":bench:" + name + ":" + leaf[0]).put("build_id", key).put("origin", ORIGIN)
          .put("path", ORIGIN + ".bench." + pathPart(name) + "." + leaf[0]).put("status", "DONE")
          .put("comment", "oomlab bench " + name + ": " + leaf[0]);
      t.putObject("number").put("value", Double.parseDouble(leaf[1]));
      ObjectNode env = t.putObject("environment");
      env.put("comment", "local" + (host == null ? "" : ", on " + host.line()));
      if (host != null) env.putObject("misc").set("host", JSON.valueToTree(host.asMap()));
      ObjectNode misc = t.putObject("misc").put("kernel", kernel).put("bench", name);
      if (figures.has("cgroupVersion")) misc.put("cgroupVersion", figures.path("cgroupVersion").asText());
      for (String f : List.of("loadBefore", "loadAfter")) if (figures.has(f)) misc.put(f, figures.path(f).asText());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The numeric leaves of a figures tree as (dotted path of KCIDB path components, value). */
  private static void numbers(JsonNode node, String path, List<String[]> out) {
    if (node.isNumber()) {
      out.add(new String[] {path.isEmpty() ? "value" : path, node.asText()});
    } else if (node.isObject()) {
      node.properties().forEach(e -> numbers(e.getValue(), (path.isEmpty() ? "" : path + ".") + pathPart(e.getKey()), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) numbers(node.get(i), (path.isEmpty() ? "" : path + ".") + i, out);
    }
  }

  private static ObjectNode test(ArrayNode tests, String buildId, String run, CellResult cell, String scenario, int k) {
    ObjectNode test = tests.addObject();
    test.put("id", ORIGIN + ":" + run + ":" + idPart(cell.name()) + (scenario.isEmpty() ? "" : ":" + scenario) + (k > 0 ? ":" + k : ""));
    test.put("build_id", buildId).put("origin", ORIGIN);
    return test;
  }

  private static void environment(ObjectNode test, CellResult cell, HostFacts host) {
    ObjectNode env = test.putObject("environment");
    env.put("comment", cell.target() + ", cgroup " + cell.cgroup() + (host == null ? "" : ", on " + host.line()));
    ObjectNode misc = env.putObject("misc");
    misc.put("target", cell.target()).put("cgroupVersion", cell.cgroup());
    if (host != null) misc.set("host", JSON.valueToTree(host.asMap()));
  }

  private static void misc(ObjectNode test, CellResult cell, ScenarioResult s, ScenarioResult.Repetition r) {
    ObjectNode misc = test.putObject("misc");
    misc.put("kernel", cell.kernel()).put("cgroupVersion", cell.cgroup()).put("target", cell.target())
        .put("exitCode", cell.exitCode()).put("eraDesign", cell.eraDesign());
    if (s != null && s.reason() != null) misc.put("reason", s.reason());
    if (r == null) return;
    misc.put("repetition", r.index()).put("repetitions", s.runs().size());
    JsonNode e = r.entry();
    misc.put("finish", e.path("finish").asText(""));
    if (e.path("outcome").isObject()) misc.set("outcome", e.path("outcome"));
    misc.put("eraVerdict", r.eraVerdict());
    misc.set("verdicts", e.path("verdicts").isObject() ? e.path("verdicts") : JSON.createObjectNode());
    if (!e.path("expectDifferences").isEmpty()) misc.set("expectDifferences", e.path("expectDifferences"));
    if (!e.path("errors").isEmpty()) misc.set("errors", e.path("errors"));
    misc.put("dir", cell.name() + "/" + e.path("dir").asText(""));
  }

  /** A path component: KCIDB allows {@code [a-zA-Z0-9_-]}. */
  static String pathPart(String s) {
    String p = s.replaceAll("[^a-zA-Z0-9_-]", "_");
    return p.isEmpty() ? "_" : p;
  }

  private static String idPart(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
  }
}

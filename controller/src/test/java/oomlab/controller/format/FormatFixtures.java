package oomlab.controller.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Cells for the format tests, built from {@code summary-6.1-v2.json} (written by oomlab run in a
 * Debian 6.1 guest with cgroup v2) with one scenario of every kind a summary holds: passed, expect
 * failed, set-up error, timeout, skipped for the other hierarchy, refused for the environment,
 * repeated three times (one repetition failing); plus a cell not run (7.2 has no v1 memory
 * controller) and one that ended without a summary (a panicking 5.10 guest).
 */
final class FormatFixtures {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private FormatFixtures() {}

  static ObjectNode realSummary() throws IOException {
    try (InputStream in = FormatFixtures.class.getResourceAsStream("/matrix/summary-6.1-v2.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  static List<CellResult> cells() throws IOException {
    ObjectNode summary = realSummary();
    ArrayNode scenarios = (ArrayNode) summary.path("scenarios");
    ObjectNode hog = (ObjectNode) scenarios.get(0);
    hog.put("suite", "basic");
    ObjectNode pass = (ObjectNode) hog.path("runs").get(0);

    ObjectNode expectFailed = renamed(hog, "largest-of-several");
    run(expectFailed).putArray("expectDifferences").add("killed: expected [big], got [small]");

    ObjectNode error = renamed(hog, "mlocked-victim");
    ObjectNode errorRun = run(error);
    errorRun.remove("outcome");
    errorRun.put("finish", "error");
    errorRun.putObject("verdicts");
    errorRun.putArray("errors").add("workload mlocked did not start: ENOMEM");

    ObjectNode timeout = renamed(hog, "oom-kill-disable-blocked");
    run(timeout).put("finish", "timeout");

    ObjectNode skipped = JSON.createObjectNode().put("scenario", "oom-kill-disable-raise-limit").put("suite", "basic")
        .put("status", "skipped").put("reason", "cgroup: scenario is v1 only");
    ObjectNode refused = JSON.createObjectNode().put("scenario", "adj-minus-1000-spared").put("suite", "basic")
        .put("status", "refused").put("reason", "a negative oom_score_adj needs CAP_SYS_RESOURCE");

    ObjectNode repeated = renamed(hog, "shared-mm");
    ArrayNode runs = repeated.putArray("runs");
    for (int k = 1; k <= 3; k++) {
      ObjectNode r = pass.deepCopy();
      r.put("dir", "shared-mm/" + k);
      if (k == 2) {
        r.putArray("expectDifferences").add("survived: expected [a], got []");
        ((ObjectNode) r.path("verdicts")).put("mainline6", "diverges");
      }
      runs.add(r);
    }
    scenarios.add(expectFailed);
    scenarios.add(error);
    scenarios.add(timeout);
    scenarios.add(skipped);
    scenarios.add(refused);
    scenarios.add(repeated);
    summary.put("exitCode", 1);
    return List.of(
        new CellResult("6.1-v2", "vm:6.1", "v2", 1, null, summary),
        CellResult.skipped("vm:7.2", "v1", "kernel 7.2.0-1-amd64 has no cgroup v1 memory controller (CONFIG_MEMCG_V1 is not set)"),
        new CellResult("5.10-v2", "vm:5.10", "v2", 4, null, null));
  }

  private static ObjectNode renamed(ObjectNode scenario, String name) {
    ObjectNode copy = scenario.deepCopy();
    copy.put("scenario", name);
    ObjectNode r = run(copy);
    r.put("dir", name);
    ((ObjectNode) r.path("outcome")).put("scenario", name);
    return copy;
  }

  private static ObjectNode run(JsonNode scenario) {
    return (ObjectNode) scenario.path("runs").get(0);
  }
}

package oomlab.agent.run;

import java.util.List;
import oomlab.agent.trace.TraceEvent.FinishReason;

/**
 * The exit code of {@code oomlab run} from its scenarios (DESIGN section 6), the most important of:
 * 6 the kernel reported a problem about itself in a run (outranks the rest: it puts every other
 * result in question), 1 an {@code expect:} failed, 5 a scenario hit its timeout, 3 a scenario was refused for the
 * environment or failed to set up, or nothing ran at all (every scenario skipped or refused), 0
 * otherwise. One rule for a run and for the merge of a matrix's shards, which must agree.
 */
public final class RunExit {
  public static final int OK = 0;
  public static final int EXPECT_FAILED = 1;
  public static final int ENVIRONMENT = 3;
  public static final int TIMEOUT = 5;
  public static final int KERNEL_PROBLEM = 6;

  private RunExit() {}

  /** A scenario as the rule reads it: its status, and per run its finish and whether its expect failed. */
  public record Scenario(String status, List<Run> runs) {}

  public record Run(String finish, boolean expectFailed, boolean kernelUnhealthy) {}

  public static int of(List<RunSummary.ScenarioEntry> scenarios) {
    return ofScenarios(scenarios.stream().map(s -> new Scenario(s.status(),
        s.runs().stream().map(r -> new Run(r.finish(), !r.expectDifferences().isEmpty(), r.kernelHealth() != null)).toList())).toList());
  }

  /** The same rule over summary.json's {@code scenarios} (a merge reads them as JSON). */
  public static int ofJson(com.fasterxml.jackson.databind.JsonNode scenarios) {
    List<Scenario> list = new java.util.ArrayList<>();
    for (var s : scenarios) {
      List<Run> runs = new java.util.ArrayList<>();
      for (var r : s.path("runs")) runs.add(new Run(r.path("finish").asText(), !r.path("expectDifferences").isEmpty(), r.path("kernelHealth").isObject()));
      list.add(new Scenario(s.path("status").asText(), runs));
    }
    return ofScenarios(list);
  }

  static int ofScenarios(List<Scenario> scenarios) {
    boolean expectFailed = false;
    boolean timedOut = false;
    boolean environment = false;
    boolean ran = false;
    boolean kernel = false;
    for (Scenario s : scenarios) {
      if (s.status().equals("refused")) environment = true;
      if (!s.status().equals("ran")) continue;
      ran = true;
      for (Run r : s.runs()) {
        expectFailed |= r.expectFailed();
        kernel |= r.kernelUnhealthy();
        timedOut |= r.finish().equals(FinishReason.TIMEOUT.label());
        environment |= r.finish().equals(FinishReason.ERROR.label());
      }
    }
    return kernel ? KERNEL_PROBLEM : expectFailed ? EXPECT_FAILED : timedOut ? TIMEOUT : environment || !ran ? ENVIRONMENT : OK;
  }
}

package oomlab.agent.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;

/**
 * {@code summary.json}: one run of {@code oomlab run}, the design of the kernel's era
 * ({@code eraDesign}, whose verdict leads), every scenario with its suite (the name of the
 * directory its file came from) and status, each repetition's directory (relative to the results
 * directory), finish, verdicts and expect check, and with {@code --repeat} the distribution of
 * outcomes.
 */
public record RunSummary(String target, String kernel, String cgroupVersion, String eraDesign, List<String> designs,
                         int repeat, int exitCode, List<ScenarioEntry> scenarios) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScenarioEntry(String scenario, String suite, String status, String reason, List<RunEntry> runs,
                              List<DistributionRow> distribution) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunEntry(String dir, String finish, Outcome outcome, Map<String, String> verdicts,
                         List<String> expectDifferences, List<String> errors, Map<String, Double> phasesMs,
                         Map<String, Double> phasesCpuMs, KernelHealthEntry kernelHealth) {}

  /** What the kernel reported about itself during a run; absent when nothing. */
  public record KernelHealthEntry(String status, String newTaint, long taintBefore, long taintAfter,
                                  List<Problem> problems) {
    public record Problem(String kind, List<String> lines) {}

    static KernelHealthEntry of(oomlab.agent.kmsg.KernelHealth.Report h) {
      if (!h.unhealthy()) return null;
      return new KernelHealthEntry(h.brief(), h.newTaint(), h.taintBefore(), h.taintAfter(),
          h.problems().stream().map(p -> new Problem(p.kind().label(), p.lines())).toList());
    }
  }

  /** {@code notJudgedBy}: the designs whose verdict was not comparable or error (neither allow nor forbid). */
  public record DistributionRow(Map<String, Object> outcome, int count, double share, List<String> allowedBy,
                                List<String> notJudgedBy) {}

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public static ScenarioEntry entry(SuiteRun.ScenarioReport report, String suite, Path resultsDir) {
    List<RunEntry> runs = report.runs().stream().map(r -> new RunEntry(
        resultsDir.relativize(r.dir()).toString(), r.finish().label(), r.outcome(),
        r.verdicts().stream().collect(java.util.stream.Collectors.toMap(Verdict::design, v -> v.verdict().label(),
            (a, b) -> a, java.util.LinkedHashMap::new)),
        r.expectDifferences(), r.errors(), r.phasesMs(), r.phasesCpuMs(), KernelHealthEntry.of(r.health()))).toList();
    List<DistributionRow> rows = report.runs().size() > 1 ? rows(report.distribution()) : null;
    return new ScenarioEntry(report.scenario(), suite, report.status().name().toLowerCase(java.util.Locale.ROOT), report.reason(),
        runs, rows);
  }

  /** The distribution's rows as summary.json holds them. */
  public static List<DistributionRow> rows(OutcomeDistribution distribution) {
    return distribution.rows().stream().map(row -> new DistributionRow(row.outcome(), row.count(), row.share(), row.allowedBy(),
        row.notJudgedBy())).toList();
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(this) + "\n");
  }

}

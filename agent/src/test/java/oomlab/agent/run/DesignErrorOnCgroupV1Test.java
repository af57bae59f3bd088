package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import oomlab.agent.KernelRequirement;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.check.AllowedOutcomesCache;
import oomlab.model.outcome.OutcomeJson;
import oomlab.model.outcome.Verdict;
import oomlab.model.outcome.VerdictKind;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A design whose exploration throws (the oom.group walk's ArrayIndexOutOfBoundsException ended the
 * guest's agent and lost the suite) costs that design its verdicts, nothing else: on this
 * machine's kernel both scenarios run, the era design and the others are judged, the error's
 * message is in verdicts.json and on the line, and the summary is written.
 */
class DesignErrorOnCgroupV1Test {
  @TempDir Path out;

  @Test
  void aFailingDesignGetsErrorAndTheRunGoesOn() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.requireFile(Path.of("/sys/fs/cgroup/memory/memory.oom_control"));
    LocalTarget local = LocalTarget.open(Optional.of(CgroupVersion.V1));
    String era = ModelVerdicts.eraDesign(local.kernel());
    var cache = AllowedOutcomesCache.forRun((model, max) -> {
      if (model.name().equals("oomlock3x")) throw new ArrayIndexOutOfBoundsException("Index 226 out of bounds for length 45");
      return AllowedOutcomes.explore(model, max);
    });
    List<String> designs = ModelVerdicts.designsFor(era, List.of("oomlock3x", "hocko2018"));
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    SuiteRun suite = new SuiteRun(local.root(), new SuiteRun.Options(1, out, Duration.ofMillis(300), "local",
        WorkloadBinary.locate()), ModelVerdicts.forDesigns(designs, 100_000, cache), lines::add, false);

    List<RunSummary.ScenarioEntry> entries = new ArrayList<>();
    for (String file : List.of("01-hog-over-limit.yaml", "02-largest-of-several.yaml")) {
      var report = suite.run(ScenarioLoader.load(Path.of("../scenarios/basic", file)), new PhaseTimer());
      SuiteRun.RunReport run = report.runs().getFirst();
      assertThat(run.outcome()).as(file).isNotNull();
      List<Verdict> verdicts = OutcomeJson.readVerdicts(run.dir().resolve("verdicts.json"));
      assertThat(verdicts).extracting(Verdict::design).containsExactly(era, "oomlock3x", "hocko2018");
      assertThat(verdicts.get(0).verdict()).as(file).isEqualTo(VerdictKind.CONFORMS);
      assertThat(verdicts.get(1).verdict()).isEqualTo(VerdictKind.ERROR);
      assertThat(verdicts.get(1).message()).startsWith("ArrayIndexOutOfBoundsException: Index 226");
      assertThat(verdicts.get(2).verdict()).isIn(VerdictKind.CONFORMS, VerdictKind.DIVERGES);
      entries.add(RunSummary.entry(report, "basic", out));
    }
    assertThat(cache.explorations()).as("one exploration per scenario and design").isEqualTo(6);
    assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains(era + " conforms; older designs: oomlock3x=error "
        + "(ArrayIndexOutOfBoundsException: Index 226"));
    new RunSummary("local", local.kernel(), "v1", era, designs, 1, 0, entries).write(out.resolve("summary.json"));
    var summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("eraDesign").asText()).isEqualTo(era);
    assertThat(summary.path("scenarios")).hasSize(2);
    assertThat(summary.path("scenarios").get(1).path("runs").get(0).path("verdicts").path("oomlock3x").asText())
        .isEqualTo("error");
  }
}

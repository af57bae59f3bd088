package oomlab.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WorkloadReportTest {
  @Test
  void parsesEveryLineOfTheGrammar() {
    assertThat(WorkloadReport.parse("big ready 9211")).isEqualTo(new WorkloadReport.Ready("big", 9211));
    assertThat(WorkloadReport.parse("a clone b 9587")).isEqualTo(new WorkloadReport.Cloned("a", "b", 9587));
    assertThat(WorkloadReport.parse("big step 8388608"))
        .isEqualTo(new WorkloadReport.Step("big", 8388608, OptionalLong.empty()));
    assertThat(WorkloadReport.parse("pop step 16777216 12582912"))
        .isEqualTo(new WorkloadReport.Step("pop", 16777216, OptionalLong.of(12582912)));
    assertThat(WorkloadReport.parse("tf enomem 4194304 12")).isEqualTo(new WorkloadReport.Enomem("tf", 4194304, 12));
    assertThat(WorkloadReport.parse("small done 8388608")).isEqualTo(new WorkloadReport.Done("small", 8388608));
    assertThat(WorkloadReport.parse("neg error oom_score_adj 13"))
        .isEqualTo(new WorkloadReport.Error("neg", "oom_score_adj", 13));
  }

  @Test
  void aLineOutsideTheGrammarIsQuoted() {
    assertThatThrownBy(() -> WorkloadReport.parse("big stepped 12")).hasMessageContaining("\"big stepped 12\"");
    assertThatThrownBy(() -> WorkloadReport.parse("big step")).hasMessageContaining("\"big step\"");
  }

  @Test
  void jdkExitValuesAbove128AreSignals() {
    assertThat(WorkloadExit.ofJdkExitValue(137)).isEqualTo(WorkloadExit.ofSignal(9));
    assertThat(WorkloadExit.ofJdkExitValue(13).describe()).isEqualTo("exit 13 (oom_score_adj refused)");
    assertThat(WorkloadExit.ofWaitStatus(9)).isEqualTo(WorkloadExit.ofSignal(9));
    assertThat(WorkloadExit.ofWaitStatus(14 << 8)).isEqualTo(WorkloadExit.ofCode(14));
  }
}

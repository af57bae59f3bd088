package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.CgroupMode;
import oomlab.model.scenario.CgroupSpec;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.StartCondition;
import oomlab.model.scenario.TaskSpec;
import org.junit.jupiter.api.Test;

class StartGateTest {
  private static TaskSpec after(String name, String task, long bytes) {
    return new TaskSpec(name, "A", 8 * Size.M, Size.M, AllocationMode.TOUCH, 0, 1, Optional.empty(),
        Optional.of(new StartCondition(task, bytes)));
  }

  private static Scenario chain() {
    return new Scenario("chain", "", CgroupMode.ANY, List.of(CgroupSpec.limited("A", 48 * Size.M)),
        List.of(TaskSpec.touching("first", "A", 8 * Size.M), after("second", "first", 8 * Size.M),
            after("third", "second", 4 * Size.M)),
        List.of(), Optional.empty(), Scenario.DEFAULT_TIMEOUT);
  }

  @Test
  void tasksWithoutConditionGoAtTheCommonStartOthersWhenTheSizeIsReached() {
    StartGate gate = new StartGate(chain());
    assertThat(gate.commonStart()).containsExactly("first");
    assertThat(gate.allocated("first", 7 * Size.M)).isEmpty();
    assertThat(gate.allocated("first", 8 * Size.M)).containsExactly("second");
    assertThat(gate.allocated("first", 9 * Size.M)).as("released once").isEmpty();
    assertThat(gate.waiting()).containsExactly("third");
  }

  @Test
  void aConditionThatCanNoLongerComeTrueReleasesItsTask() {
    StartGate gate = new StartGate(chain());
    gate.commonStart();
    assertThat(gate.stopped("first")).containsExactly("second");
    assertThat(gate.stopped("second")).containsExactly("third");
    assertThat(gate.waiting()).isEmpty();
  }
}

package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import oomlab.model.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class MatrixCommandTest {
  @Test
  void aCellWhereEveryScenarioIsForTheOtherHierarchyIsNotBooted() throws Exception {
    var v2Only = ScenarioLoader.loadAll(List.of(Path.of("../scenarios/v2")));
    assertThat(MatrixCommand.noScenarioFor(v2Only, "v1")).startsWith("no scenario runs on v1 (cgroup: scenario is v2 only");
    assertThat(MatrixCommand.noScenarioFor(v2Only, "v2")).isNull();
    var basic = ScenarioLoader.loadAll(List.of(Path.of("../scenarios/basic")));
    assertThat(MatrixCommand.noScenarioFor(basic, "v1")).isNull();
    assertThat(MatrixCommand.noScenarioFor(basic, "v2")).isNull();
  }

  @Test
  void panicOutranksTimeoutOutranksEnvironmentOutranksAFailedExpectation() {
    assertThat(MatrixCommand.worse(Oomlab.EXIT_EXPECT_FAILED, Oomlab.EXIT_OK)).isEqualTo(Oomlab.EXIT_EXPECT_FAILED);
    assertThat(MatrixCommand.worse(Oomlab.EXIT_ENVIRONMENT, Oomlab.EXIT_EXPECT_FAILED)).isEqualTo(Oomlab.EXIT_ENVIRONMENT);
    assertThat(MatrixCommand.worse(Oomlab.EXIT_TIMEOUT, Oomlab.EXIT_PANIC)).isEqualTo(Oomlab.EXIT_PANIC);
  }
}

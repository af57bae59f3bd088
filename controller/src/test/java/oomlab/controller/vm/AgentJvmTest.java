package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentJvmTest {
  @Test
  void theGuestCommandRunsThisJdkWithTheAotOptionsAndTheClassPath() {
    List<String> cmd = AgentJvm.command(List.of("-XX:AOTCache=/c/a.aot"), List.of("-Dx=y"), "Main");
    assertThat(cmd.getFirst()).endsWith("/bin/java");
    assertThat(cmd).contains("-XX:AOTCache=/c/a.aot", "-XX:+UseSerialGC", "-Dx=y").endsWith("-cp", AgentJvm.classPath(), "Main");
    assertThat(cmd.indexOf("-XX:AOTCache=/c/a.aot")).isLessThan(cmd.indexOf("-cp"));
  }
}

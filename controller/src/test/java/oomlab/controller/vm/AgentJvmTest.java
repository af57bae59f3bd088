package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJvmTest {
  @Test
  void keepsTheNewestCachesAndTheOneJustMade(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 6; i++) {
      Path p = Files.writeString(dir.resolve("agent-" + i + ".aot"), "");
      Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Files.writeString(dir.resolve("agent-x-123.aot.tmp"), "");
    Path keep = dir.resolve("agent-0.aot"); // the oldest mtime, but the one in use

    AgentJvm.pruneOldCaches(dir, keep);

    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("agent-0.aot", "agent-5.aot", "agent-4.aot", "agent-3.aot", "agent-x-123.aot.tmp");
    }
  }

  @Test
  void theGuestCommandRunsThisJdkWithTheCacheAndTheClassPath() {
    List<String> cmd = AgentJvm.command(Path.of("/c/a.aot"), List.of("-Dx=y"), "Main");
    assertThat(cmd.getFirst()).endsWith("/bin/java");
    assertThat(cmd).contains("-XX:AOTCache=/c/a.aot", "-XX:+UseSerialGC", "-Dx=y").endsWith("-cp", AgentJvm.classPath(), "Main");
  }
}

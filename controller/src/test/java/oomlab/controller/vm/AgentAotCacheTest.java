package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentAotCacheTest {
  @Test
  void keepsTheNewestCachesAndTheOneJustMadeAndDropsStaleTrainingFiles(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 6; i++) {
      Path p = Files.writeString(dir.resolve("agent-" + i + ".aot"), "");
      Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Files.writeString(dir.resolve("agent-x-123.aot.tmp.config"), "");
    Path keep = dir.resolve("agent-0.aot"); // the oldest mtime, but the one in use

    AgentAotCache.pruneOldCaches(dir, keep);

    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("agent-0.aot", "agent-5.aot", "agent-4.aot", "agent-3.aot");
    }
  }

  @Test
  void onlyAClassPathOfPlainJarsCanBeCached(@TempDir Path dir) throws Exception {
    Path plain = jar(dir.resolve("plain.jar"), null);
    Path booter = jar(dir.resolve("booter.jar"), "classes/");
    Files.createDirectories(dir.resolve("classes"));

    assertThat(AgentAotCache.cacheable(plain.toString())).isTrue();
    assertThat(AgentAotCache.cacheable(plain + ":" + dir.resolve("classes"))).isFalse();
    // surefire's manifest-only jar names the class directories in its Class-Path
    assertThat(AgentAotCache.cacheable(booter.toString())).isFalse();
  }

  @Test
  void theKeyChangesWithAJarOfTheClassPath(@TempDir Path dir) throws Exception {
    Path a = jar(dir.resolve("a.jar"), null);
    String before = AgentAotCache.key(a.toString());
    Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5_000));
    assertThat(AgentAotCache.key(a.toString())).isNotEqualTo(before).hasSize(16);
  }

  @Test
  void aGuestWithoutACacheRecordsItsTrainingIntoTheResultsShareAndLaterGuestsMapTheCache(
      @TempDir Path cacheDir, @TempDir Path results, @TempDir Path jars) throws Exception {
    AgentAotCache cache = AgentAotCache.in(cacheDir, CgroupMode.V2, jar(jars.resolve("a.jar"), null).toString());
    assertThat(cache.file().getFileName().toString()).matches("agent-[0-9a-f]{16}-v2\\.aot");
    assertThat(cache.trainsNext()).isTrue();
    assertThat(cache.guestOptions(results))
        .startsWith("-XX:AOTMode=record", "-XX:AOTConfiguration=" + results.resolve(AgentAotCache.TRAINING));

    Files.writeString(cache.file(), "");

    assertThat(cache.trainsNext()).isFalse();
    assertThat(cache.guestOptions(results)).containsExactly("-XX:AOTCache=" + cache.file());
  }

  @Test
  void underSurefireTheClassDirectoriesLeaveTheGuestWithoutAotOptions(@TempDir Path cacheDir, @TempDir Path results) throws Exception {
    AgentAotCache cache = AgentAotCache.in(cacheDir, CgroupMode.V2);
    assertThat(cache.guestOptions(results)).isEmpty();
    assertThat(cache.trainsNext()).isFalse();
  }

  @Test
  void aRecordedTrainingBecomesTheCacheAndLeavesTheResultsDirectory(@TempDir Path cacheDir, @TempDir Path results) throws Exception {
    AgentAotCache cache = AgentAotCache.in(cacheDir, CgroupMode.V1, "");
    Path training = results.resolve(AgentAotCache.TRAINING);
    // A real recording by this JDK, with the agent's options and an empty class path.
    List<String> record = new ArrayList<>(List.of(AgentJvm.java().toString()));
    record.addAll(AgentJvm.OPTIONS);
    record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + training, "-version"));
    assertThat(new ProcessBuilder(record).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor())
        .isZero();
    assertThat(training).isNotEmptyFile();

    assertThat(cache.createFromTraining(results, "")).hasValueSatisfying(line -> assertThat(line).contains("trained"));

    assertThat(cache.file()).isNotEmptyFile();
    assertThat(cache.trained()).isTrue();
    assertThat(training).doesNotExist();
    try (Stream<Path> left = Files.list(cacheDir)) {
      assertThat(left.toList()).containsExactly(cache.file());
    }
    assertThat(cache.createFromTraining(results, "")).isEmpty();
  }

  @Test
  void aDamagedTrainingIsReportedAndRemovedWithoutACache(@TempDir Path cacheDir, @TempDir Path results) throws Exception {
    AgentAotCache cache = AgentAotCache.in(cacheDir, CgroupMode.V2, "");
    Files.writeString(results.resolve(AgentAotCache.TRAINING), "not a training");

    assertThat(cache.createFromTraining(results, "")).hasValueSatisfying(line -> assertThat(line).contains("could not be created"));

    assertThat(cache.trained()).isFalse();
    assertThat(results.resolve(AgentAotCache.TRAINING)).doesNotExist();
    try (Stream<Path> left = Files.list(cacheDir)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  private static Path jar(Path path, String classPath) throws Exception {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path), m)) {
      // a manifest is all these jars need
    }
    return path;
  }
}

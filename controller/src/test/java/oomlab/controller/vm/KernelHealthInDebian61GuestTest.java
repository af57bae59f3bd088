package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import oomlab.cli.RunOptions;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.ExternalCommand;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelDevPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kernel warning during a scenario: a module that calls WARN_ON(1) when loaded, built
 * against Debian's linux-headers for the guest's 6.1 (fetched like the kernel), is loaded in the
 * guest while the agent runs a scenario (as soon as the scenario's cgroup exists). The scenario is
 * marked with the warning's lines and the new taint, and the run exits 6.
 */
class KernelHealthInDebian61GuestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Slow enough under TCG (256 steps reported one by one) for the insmod to land inside it. */
  static final String SCENARIO = """
      name: slow-fill
      description: one task fills 256M of a 512M limit in 1M steps, no OOM
      cgroup: v2
      cgroups:
        A: { limit: 512M }
      tasks:
        filler: { cgroup: A, allocate: 256M, step: 1M }
      expect:
        survived: [filler]
      timeout: 120s
      """;

  @Test
  void aModuleThatWarnsDuringAScenarioMarksItWithTheWarningAndTheNewTaint(@TempDir Path dir) throws Exception {
    CachedKernel kernel = GuestRequirement.kernel("6.1");
    Path headers = new KernelDevPackages(KernelCache.standard(), System.err).headers(kernel);
    Path src = Files.createDirectories(dir.resolve("warn-module"));
    for (String f : List.of("oomlab_warn.c", "Kbuild")) {
      try (InputStream in = getClass().getResourceAsStream("/warn-module/" + f)) {
        Files.copy(in, src.resolve(f));
      }
    }
    ExternalCommand.run(src, List.of("make", "-C", headers.toString(), "M=" + src, "modules"));
    Path ko = src.resolve("oomlab_warn.ko");
    assertThat(ko).isRegularFile();

    Path scenario = Files.writeString(dir.resolve("slow-fill.yaml"), SCENARIO);
    Path results = Files.createDirectories(dir.resolve("results"));
    Path options = results.resolve("guest-run.options");
    new RunOptions(List.of(scenario), "local", false, "v2", null, 1, results, false, false, "300ms", 1_000_000).write(options);
    // sh -c SCRIPT KO AGENT...: loads the module once the scenario's cgroup exists (the health
    // watch starts before the cgroups are made), meanwhile the agent runs the scenario.
    String script = "( i=0; while [ $i -lt 2400 ]; do for d in /sys/fs/cgroup/oomlab/run-*/A; do"
        + " [ -d \"$d\" ] && exec insmod \"$0\"; done; sleep 0.05; i=$((i+1)); done ) & exec \"$@\"";
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, ko.toString(),
        "/usr/bin/env", "OOMLAB_TARGET=vm:6.1", "TMPDIR=/dev/shm"));
    command.addAll(AgentJvm.command(List.of(), List.of("-Djava.io.tmpdir=/dev/shm"), GuestMain.class.getName()));
    command.addAll(List.of(GuestMain.RUN_OPTIONS, options.toString()));

    GuestResult r = Guests.run(GuestRequest.of(kernel, CgroupMode.V2, command, results, Duration.ofMinutes(6)), System.err, 1);
    String console = Files.readString(r.console(), java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(r.end()).as(r.describe()).isEqualTo(GuestResult.End.EXITED);
    assertThat(r.commandStatus()).as(console).isEqualTo(6);
    JsonNode run = JSON.readTree(results.resolve("summary.json").toFile()).at("/scenarios/0/runs/0");
    JsonNode health = run.path("kernelHealth");
    assertThat(health.isObject()).as(run.toString()).isTrue();
    assertThat(health.path("problems").get(0).path("kind").asText()).isEqualTo("warning");
    String lines = health.path("problems").get(0).path("lines").toString();
    assertThat(lines).contains("WARNING: CPU: ", "oomlab_warn_init");
    // W: the warning; O: an out-of-tree module (and E: unsigned, Debian signs its own).
    assertThat(health.path("newTaint").asText()).as(health.toString()).contains("W", "O");
    assertThat(health.path("status").asText()).startsWith("warning; taint +");
    // The scenario's own line says so too, and the scenario itself went as expected.
    assertThat(console).contains("slow-fill: ", "expect ok", "KERNEL: warning; taint +");
  }
}

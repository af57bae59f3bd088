package oomlab.cli;

import static oomlab.cli.RunnerProcesses.awaitHeld;
import static oomlab.cli.RunnerProcesses.awaitTrue;
import static oomlab.cli.RunnerProcesses.mounts;
import static oomlab.cli.RunnerProcesses.runDirsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oomlab.agent.proc.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a separate JVM running {@code oomlab run} in the middle of a scenario (a tmpfs file
 * written, a task asleep in the v1 memcg OOM wait), then runs {@code oomlab run} again: the
 * workloads must have died with the first agent (PR_SET_PDEATHSIG), and after the second run
 * nothing of either is left: no run directory, no tmpfs mount, no workload process.
 */
class RunnerSigkilledOnCgroupV1Test {
  @TempDir Path out;
  private RunnerProcesses runners;

  @BeforeEach
  void runners() {
    runners = new RunnerProcesses(out);
  }

  @AfterEach
  void killAgents() {
    runners.close();
  }

  @Test
  void workloadsDieWithTheAgentAndTheNextRunRemovesWhatItLeft() throws Exception {
    RunnerProcesses.requireCgroupV1AsRoot();

    Process first = runners.oomlab("run", RunnerProcesses.HELD.toString(), "--target", "local", "--out", out.resolve("first").toString(), "--settle", "60s");
    long firstPid = first.pid();
    Path runDir = awaitHeld(firstPid);
    List<Long> workloads = RunnerProcesses.workloads(runDir);
    assertThat(workloads).hasSize(2);
    assertThat(mounts()).contains("oomlab-run-" + firstPid + "-");

    first.destroyForcibly().waitFor();

    for (long pid : workloads) {
      awaitTrue(() -> !Processes.isAlive(pid), "workload " + pid + " dies with its agent");
    }
    assertThat(runDir).as("the killed agent could not clean up").exists();

    Process second = runners.oomlab("run", "../scenarios/basic/01-hog-over-limit.yaml", "--target", "local", "--out", out.resolve("second").toString(),
        "--designs", "mainline6");
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isEqualTo(Oomlab.EXIT_OK);

    assertThat(runDirsOf(firstPid)).isEmpty();
    assertThat(runDirsOf(second.pid())).isEmpty();
    assertThat(mounts()).doesNotContain("oomlab-run-" + firstPid + "-").doesNotContain("oomlab-run-" + second.pid() + "-");
    assertThat(workloads).noneMatch(Processes::isAlive);
    assertThat(Files.readString(out.resolve("second/hog-over-limit/outcome.json"))).contains("\"killed\" : [ \"hog\" ]");
  }
}

package oomlab.cli;

import static oomlab.cli.RunnerProcesses.awaitHeld;
import static oomlab.cli.RunnerProcesses.mounts;
import static oomlab.cli.RunnerProcesses.runDirsOf;
import static oomlab.cli.RunnerProcesses.tmpfsDirsOf;
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
 * SIGTERM and SIGINT (twice: a second Ctrl-C during the cleanup) to a JVM running a local suite in
 * the middle of its first scenario (a tmpfs file written, a task asleep in the v1 memcg OOM
 * wait): the runner ends the scenario through its own teardown, writes the summary with that
 * scenario {@code interrupted} and nothing after it, and exits 128 + the signal; one second after
 * its exit no run directory, no workload process and no tmpfs (mount or directory) of it is left.
 * Nothing here is left for the next run: that is the SIGKILL case ({@link RunnerSigkilledOnCgroupV1Test}).
 */
class RunnerSignalledOnCgroupV1Test {
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
  void sigtermEndsTheRunThroughItsTeardownAndExits143() throws Exception {
    signalMidScenario("TERM", 1, 143);
  }

  @Test
  void sigintTwiceEndsTheRunThroughItsTeardownAndExits130() throws Exception {
    signalMidScenario("INT", 2, 130);
  }

  private void signalMidScenario(String signal, int times, int exitCode) throws Exception {
    RunnerProcesses.requireCgroupV1AsRoot();
    Path results = out.resolve("results");
    Process runner = runners.oomlab("run", RunnerProcesses.HELD.toString(), "../scenarios/basic/01-hog-over-limit.yaml",
        "--target", "local", "--out", results.toString(), "--settle", "60s", "--designs", "mainline6");
    long pid = runner.pid();
    Path runDir = awaitHeld(pid);
    List<Long> workloads = RunnerProcesses.workloads(runDir);
    assertThat(workloads).hasSize(2);
    assertThat(tmpfsDirsOf(pid)).hasSize(1);
    assertThat(mounts()).contains("oomlab-run-" + pid + "-");

    for (int i = 0; i < times; i++) {
      assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
      Thread.sleep(30);
    }
    assertThat(runner.waitFor(60, TimeUnit.SECONDS)).as("the runner exits").isTrue();
    assertThat(runner.exitValue()).isEqualTo(exitCode);
    Thread.sleep(1000);

    assertThat(runDirsOf(pid)).as("run directories").isEmpty();
    assertThat(workloads).as("workload processes").noneMatch(Processes::isAlive);
    assertThat(mounts()).as("tmpfs mounts").doesNotContain("oomlab-run-" + pid + "-");
    assertThat(tmpfsDirsOf(pid)).as("tmpfs directories").isEmpty();

    String log = Files.readString(runners.log(0));
    assertThat(log).contains("held-for-kill: INTERRUPTED stopped by SIG" + signal)
        .contains("oomlab run: stopped by SIG" + signal + " after 0 of 2 scenarios")
        .doesNotContain("hog-over-limit:").doesNotContain("Exception");
    if (times > 1) assertThat(log).contains("SIG" + signal + " again: still cleaning up");
    String summary = Files.readString(results.resolve("summary.json"));
    assertThat(summary).contains("\"exitCode\" : " + exitCode).contains("\"status\" : \"interrupted\"")
        .contains("\"finish\" : \"interrupted\"").doesNotContain("hog-over-limit");
    assertThat(results.resolve("held-for-kill/trace.jsonl")).content().contains("\"reason\":\"interrupted\"");
  }
}

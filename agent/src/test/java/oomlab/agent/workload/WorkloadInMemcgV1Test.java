package oomlab.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The C workload in a real v1 memcg: a memcg OOM kill is SIGKILL, a task within the limit survives. */
class WorkloadInMemcgV1Test {
  private static final Path V1_ROOT = Path.of("/sys/fs/cgroup/memory");
  private Path run;
  private WorkloadLauncher launcher;
  private final ConcurrentLinkedQueue<WorkloadReport> reports = new ConcurrentLinkedQueue<>();
  private final WorkloadListener listener = new WorkloadListener() {
    @Override
    public void reported(long nanos, WorkloadReport report) {
      reports.add(report);
    }

    @Override
    public void exited(long nanos, String task, long pid, WorkloadExit exit) {}
  };

  @BeforeEach
  void createMemcg() throws IOException {
    KernelRequirement.requireRoot();
    KernelRequirement.requireFile(V1_ROOT.resolve("memory.oom_control"));
    run = V1_ROOT.resolve("oomlab").resolve("run-" + ProcessHandle.current().pid() + "-workload-" + System.nanoTime());
    Files.createDirectories(run.resolve("A"));
    Files.writeString(run.resolve("A/memory.limit_in_bytes"), Long.toString(32 * Size.M));
    launcher = new WorkloadLauncher(WorkloadBinary.locate(), Path.of("/tmp"));
  }

  @AfterEach
  void removeMemcg() throws Exception {
    if (launcher != null) launcher.close();
    if (run != null) {
      for (int i = 0; i < 100 && !Files.readString(run.resolve("A/cgroup.procs")).isBlank(); i++) Thread.sleep(10);
      Files.deleteIfExists(run.resolve("A"));
      Files.deleteIfExists(run);
    }
  }

  private Workload launchAndStart(TaskSpec task) throws Exception {
    Workload w = launcher.launch(new WorkloadSpec(task, run.resolve("A/cgroup.procs")), listener);
    w.start(task.name());
    return w;
  }

  @Test
  void touchingTwiceTheLimitIsKilledBySigkill() throws Exception {
    Workload w = launchAndStart(TaskSpec.touching("hog", "A", 64 * Size.M));
    WorkloadExit exit = w.exit("hog").get(10, TimeUnit.SECONDS);
    assertThat(exit).isEqualTo(WorkloadExit.ofSignal(WorkloadExit.SIGKILL));
    assertThat(reports).contains(new WorkloadReport.Ready("hog", w.pid("hog").orElseThrow()));
    assertThat(Files.readString(run.resolve("A/memory.oom_control"))).doesNotContain("oom_kill 0");
  }

  @Test
  void touchingWithinTheLimitSurvivesAndHolds() throws Exception {
    Workload w = launchAndStart(TaskSpec.touching("small", "A", 8 * Size.M));
    awaitReport(new WorkloadReport.Done("small", 8 * Size.M));
    assertThat(w.exit("small")).isNotDone();
    assertThat(Long.parseLong(Files.readString(run.resolve("A/memory.usage_in_bytes")).strip()))
        .isGreaterThanOrEqualTo(8 * Size.M);
  }

  @Test
  void populateReportsTheResidentPagesMincoreSees() throws Exception {
    TaskSpec task = new TaskSpec("pop", "A", 8 * Size.M, 4 * Size.M, AllocationMode.POPULATE, 0, 1,
        Optional.empty(), Optional.empty());
    launchAndStart(task);
    awaitReport(new WorkloadReport.Done("pop", 8 * Size.M));
    assertThat(reports).contains(new WorkloadReport.Step("pop", 8 * Size.M, OptionalLong.of(8 * Size.M)));
  }

  @Test
  void aNegativeAdjWithoutCapSysResourceIsReportedNotDropped() throws Exception {
    TaskSpec task = new TaskSpec("neg", "A", 8 * Size.M, Size.M, AllocationMode.TOUCH, -500, 1,
        Optional.empty(), Optional.empty());
    Workload w = launcher.launch(new WorkloadSpec(task, run.resolve("A/cgroup.procs")), listener);
    WorkloadExit exit = w.exit("neg").get(10, TimeUnit.SECONDS);
    // With CAP_SYS_RESOURCE (a guest) the write succeeds and the task waits for its start instead.
    assertThat(exit).isEqualTo(WorkloadExit.ofCode(WorkloadExit.OOM_SCORE_ADJ));
    // The exit can be seen before the reader thread has delivered the last report line: wait for it.
    awaitReport(new WorkloadReport.Error("neg", "oom_score_adj", 13 /* EACCES */));
  }

  @Test
  void aShareMmCloneIsAProcessOfItsOwnReapedByTheAgent() throws Exception {
    TaskSpec owner = TaskSpec.touching("owner", "A", 4 * Size.M);
    TaskSpec sharer = new TaskSpec("sharer", "A", 4 * Size.M, Size.M, AllocationMode.TOUCH, 0, 1,
        Optional.of("owner"), Optional.empty());
    Path procs = run.resolve("A/cgroup.procs");
    Workload w = launcher.launch(new WorkloadSpec(owner, procs, List.of(new WorkloadSpec(sharer, procs))), listener);
    w.start("owner");
    w.start("sharer");
    awaitReport(new WorkloadReport.Done("sharer", 4 * Size.M));
    long ownerPid = w.pid("owner").orElseThrow();
    long sharerPid = w.pid("sharer").orElseThrow();
    assertThat(sharerPid).isNotEqualTo(ownerPid);
    // Same mm, different processes: /proc/PID/status shows each its own Tgid.
    assertThat(ProcessHandle.of(sharerPid).flatMap(p -> p.parent()).map(ProcessHandle::pid))
        .contains(ProcessHandle.current().pid());
    w.kill();
    // Reaped through a pidfd with waitid(P_PIDFD), linked before the clone ran (JNR-POSIX, used
    // before, took 15+ s to load on this host under load): 10 s is ample for a loaded host.
    assertThat(w.exit("sharer").get(10, TimeUnit.SECONDS)).isEqualTo(WorkloadExit.ofSignal(WorkloadExit.SIGKILL));
    assertThat(w.exit("owner").get(5, TimeUnit.SECONDS)).isEqualTo(WorkloadExit.ofSignal(WorkloadExit.SIGKILL));
  }

  private void awaitReport(WorkloadReport expected) throws InterruptedException {
    for (int i = 0; i < 500 && !reports.contains(expected); i++) Thread.sleep(10);
    assertThat(reports).contains(expected);
  }
}

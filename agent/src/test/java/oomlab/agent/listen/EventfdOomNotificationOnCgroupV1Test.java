package oomlab.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.RunDir;
import oomlab.agent.kmsg.KernelOomKill;
import oomlab.agent.kmsg.KmsgReader;
import oomlab.agent.kmsg.KmsgRecord;
import oomlab.agent.kmsg.OomReportAssembler;
import oomlab.agent.workload.Workload;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.agent.workload.WorkloadExit;
import oomlab.agent.workload.WorkloadLauncher;
import oomlab.agent.workload.WorkloadListener;
import oomlab.agent.workload.WorkloadReport;
import oomlab.agent.workload.WorkloadSpec;
import oomlab.bindings.NativeException;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v1 eventfd OOM notifier (cgroup.event_control on memory.oom_control) and the usage threshold
 * notifier on this host's kernel, with the C workload hitting a 32M limit in a memcg of our own.
 */
class EventfdOomNotificationOnCgroupV1Test {
  private final LinkedBlockingQueue<OomEvent> events = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Exception> errors = new LinkedBlockingQueue<>();
  private RunDir run;
  private WorkloadLauncher launcher;
  private OomListener listener;
  private KmsgReader kmsg;

  private static final WorkloadListener IGNORE = new WorkloadListener() {
    @Override
    public void reported(long nanos, WorkloadReport report) {}

    @Override
    public void exited(long nanos, String task, long pid, WorkloadExit exit) {}
  };

  @BeforeEach
  void setUp() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.require(CgroupHierarchies.detect().memory().map(h -> h.version() == CgroupVersion.V1).orElse(false),
        "cgroup v1 memory controller");
    KernelRequirement.requireFile(KmsgReader.DEVICE);
    run = AgentRoot.open().createRun("listen-" + System.nanoTime());
    launcher = new WorkloadLauncher(WorkloadBinary.locate(), Path.of("/tmp"));
    listener = OomListener.start(events::add, errors::add);
    kmsg = KmsgReader.fromNow();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (listener != null) listener.close();
    if (launcher != null) launcher.close();
    if (kmsg != null) kmsg.close();
    if (run != null) {
      run.close();
      assertThat(run.path()).doesNotExist();
    }
  }

  private OomEvent next() throws InterruptedException {
    OomEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(errors).isEmpty();
    assertThat(e).as("an event within 10 s").isNotNull();
    return e;
  }

  private Workload startTouching(MemoryCgroup cg, long bytes) throws Exception {
    Workload w = launcher.launch(new WorkloadSpec(TaskSpec.touching("hog", "A", bytes), cg.path().resolve("cgroup.procs")), IGNORE);
    w.start("hog");
    return w;
  }

  /** The kernel's report of an OOM kill in {@code cg}, and the kmsg record that completed it. */
  private record Report(KernelOomKill kill, KmsgRecord lastLine) {}

  private Report oomKillReportFor(MemoryCgroup cg) throws Exception {
    String memcg = "/" + AgentRoot.NAME + "/" + run.path().getFileName() + "/" + cg.path().getFileName();
    OomReportAssembler assembler = new OomReportAssembler();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var r = kmsg.next(Duration.ofSeconds(1));
      if (r.isEmpty()) continue;
      var event = assembler.accept(r.get());
      if (event.isPresent() && event.get() instanceof KernelOomKill kill && kill.concerns(memcg)) return new Report(kill, r.get());
    }
    throw new AssertionError("no OOM kill report for " + memcg + " in /dev/kmsg within 10 s");
  }

  @Test
  void oomInA32MMemcgIsNotifiedWithin1sAndKmsgNamesTheVictim() throws Exception {
    MemoryCgroup a = run.create("A");
    a.setLimit(32 * Size.M);
    listener.watchOom("A", a.path());

    Workload w = startTouching(a, 64 * Size.M);
    OomEvent oom = next();
    assertThat(oom.kind()).isEqualTo(OomEvent.Kind.OOM);
    assertThat(oom.cgroup()).isEqualTo("A");
    assertThat(oom.count()).isGreaterThanOrEqualTo(1);

    assertThat(w.exit("hog").get(10, TimeUnit.SECONDS)).isEqualTo(WorkloadExit.ofSignal(WorkloadExit.SIGKILL));
    long victim = w.pid("hog").orElseThrow();
    Report report = oomKillReportFor(a);
    assertThat(report.kill().pid()).isEqualTo(victim);
    assertThat(report.kill().constraint()).isEqualTo("CONSTRAINT_MEMCG");
    // Both stamps are CLOCK_MONOTONIC; the notification usually precedes the report's last line
    // (the memcg notifier runs before the OOM killer prints its report).
    assertThat(Math.abs(oom.tMonoNs() - report.lastLine().monoNs())).isLessThan(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void rmdirOfAWatchedMemcgReportsRemovedOnceAndTheWatchIsDropped() throws Exception {
    MemoryCgroup b = run.create("B");
    listener.watchOom("B", b.path());
    assertThat(listener.watchCount()).isEqualTo(1);
    b.remove();
    assertThat(next()).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(OomEvent.Kind.REMOVED);
      assertThat(e.cgroup()).isEqualTo("B");
      assertThat(e.count()).isEqualTo(1);
    });
    assertThat(listener.watchCount()).isZero();
    assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void usageThresholdFiresWhenUsageCrossesIt() throws Exception {
    MemoryCgroup a = run.create("A");
    a.setLimit(32 * Size.M);
    listener.watchUsageThreshold("A", a.path(), 8 * Size.M);
    Workload w = startTouching(a, 16 * Size.M);
    OomEvent e = next();
    assertThat(e.kind()).isEqualTo(OomEvent.Kind.THRESHOLD);
    // The threshold fired on the way up, so the memcg's high watermark passed it. Not usage read
    // afterwards: it was seen one page below the threshold, a page uncharged since.
    assertThat(oomlab.bindings.SysFs.readLong(a.path().resolve("memory.max_usage_in_bytes"))).isGreaterThanOrEqualTo(8 * Size.M);
    w.kill();
  }

  @Test
  void aDirectoryThatIsNotAMemcgIsRefusedTyped() {
    Path notACgroup = run.path().resolve("no-such-cgroup");
    assertThatThrownBy(() -> listener.watchOom("X", notACgroup))
        .isInstanceOf(NativeException.NoSuchFile.class)
        .hasMessageContaining(notACgroup.resolve("memory.oom_control").toString());
    assertThat(listener.watchCount()).isZero();
  }

  @Test
  void aBadPressureLevelIsInvalidArgument() throws Exception {
    MemoryCgroup a = run.create("A");
    assertThatThrownBy(() -> listener.watchPressureLevel("A", a.path(), "extreme"))
        .isInstanceOf(NativeException.InvalidArgument.class)
        .hasMessageContaining("cgroup.event_control");
    listener.watchPressureLevel("A", a.path(), "critical");
    assertThat(listener.watchCount()).isEqualTo(1);
  }
}

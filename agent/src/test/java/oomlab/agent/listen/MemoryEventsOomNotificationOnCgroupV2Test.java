package oomlab.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.MemoryCgroupV2;
import oomlab.agent.cgroup.RunDir;
import oomlab.agent.kmsg.KernelOomKill;
import oomlab.agent.kmsg.KmsgReader;
import oomlab.agent.kmsg.OomReportAssembler;
import oomlab.agent.workload.Workload;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.agent.workload.WorkloadExit;
import oomlab.agent.workload.WorkloadLauncher;
import oomlab.agent.workload.WorkloadListener;
import oomlab.agent.workload.WorkloadReport;
import oomlab.agent.workload.WorkloadSpec;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The v2 OOM notification (inotify on memory.events, counter deltas) on a real kernel, with the C
 * workload hitting a 32M memory.max. Tagged guest-cgroup-v2: the development host binds memory to
 * v1, so surefire leaves it out there; it runs in a Debian 6.1 guest booted with cgroup v2
 * (controller's AgentV2TestsInDebian61GuestTest).
 */
@Tag(KernelRequirement.GUEST_CGROUP_V2)
class MemoryEventsOomNotificationOnCgroupV2Test {
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
    KernelRequirement.requireMemoryController("v2");
    var memory = CgroupHierarchies.detect().memory();
    KernelRequirement.requireFile(KmsgReader.DEVICE);
    run = AgentRoot.open(memory.get()).createRun("listen-v2-" + System.nanoTime());
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

  @Test
  void oomAndOomKillDeltasAddUpToTheKernelsCountersAndKmsgNamesTheVictim() throws Exception {
    MemoryCgroupV2 a = (MemoryCgroupV2) run.create("A");
    a.setLimit(32 * Size.M);
    listener.watchMemoryEvents("A", a.path());

    Workload w = launcher.launch(new WorkloadSpec(TaskSpec.touching("hog", "A", 64 * Size.M), a.path().resolve("cgroup.procs")), IGNORE);
    w.start("hog");
    assertThat(w.exit("hog").get(10, TimeUnit.SECONDS)).isEqualTo(WorkloadExit.ofSignal(WorkloadExit.SIGKILL));

    // The deltas must add up to the counters: coalesced notifications lose no count.
    long oom = 0;
    long oomKill = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((oomKill == 0 || oom != a.events().oom() || oomKill != a.events().oomKill()) && System.nanoTime() < deadline) {
      OomEvent e = events.poll(200, TimeUnit.MILLISECONDS);
      if (e == null) continue;
      assertThat(e.cgroup()).isEqualTo("A");
      if (e.kind() == OomEvent.Kind.OOM) oom += e.count();
      if (e.kind() == OomEvent.Kind.OOM_KILL) oomKill += e.count();
    }
    assertThat(errors).isEmpty();
    assertThat(oomKill).isGreaterThanOrEqualTo(1).isEqualTo(a.events().oomKill());
    assertThat(oom).isGreaterThanOrEqualTo(1).isEqualTo(a.events().oom());

    long victim = w.pid("hog").orElseThrow();
    String memcg = "/" + AgentRoot.NAME + "/" + run.path().getFileName() + "/A";
    OomReportAssembler assembler = new OomReportAssembler();
    KernelOomKill kill = null;
    long kmsgDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (kill == null && System.nanoTime() < kmsgDeadline) {
      var r = kmsg.next(Duration.ofSeconds(1));
      if (r.isEmpty()) continue;
      if (assembler.accept(r.get()).orElse(null) instanceof KernelOomKill k && k.concerns(memcg)) kill = k;
    }
    assertThat(kill).as("the kernel's OOM kill report for " + memcg).isNotNull();
    assertThat(kill.pid()).isEqualTo(victim);
  }

  @Test
  void rmdirOfAWatchedMemcgReportsRemovedOnce() throws Exception {
    MemoryCgroup b = run.create("B");
    listener.watchMemoryEvents("B", b.path());
    b.remove();
    OomEvent e = next();
    assertThat(e.kind()).isEqualTo(OomEvent.Kind.REMOVED);
    assertThat(e.cgroup()).isEqualTo("B");
    assertThat(listener.watchCount()).isZero();
    assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }
}

package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import oomlab.agent.KernelRequirement;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.CgroupHierarchies;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.MemoryCgroupV1;
import oomlab.agent.cgroup.RunDir;
import oomlab.agent.workload.Workload;
import oomlab.agent.workload.WorkloadBinary;
import oomlab.agent.workload.WorkloadExit;
import oomlab.agent.workload.WorkloadLauncher;
import oomlab.agent.workload.WorkloadListener;
import oomlab.agent.workload.WorkloadReport;
import oomlab.agent.workload.WorkloadSpec;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code oomlab listen} on this host's cgroup v1: registration, removal, bad paths, timeout. */
class ListenCommandOnCgroupV1Test {
  private static final WorkloadListener IGNORE = new WorkloadListener() {
    @Override
    public void reported(long nanos, WorkloadReport report) {}

    @Override
    public void exited(long nanos, String task, long pid, WorkloadExit exit) {}
  };

  private RunDir run;

  @BeforeEach
  void setUp() throws Exception {
    KernelRequirement.requireRoot();
    KernelRequirement.require(CgroupHierarchies.detect().memory().map(h -> h.version() == CgroupVersion.V1).orElse(false),
        "cgroup v1 memory controller");
    run = AgentRoot.open().createRun("listen-cli-" + System.nanoTime());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (run != null) {
      run.close();
      assertThat(run.path()).doesNotExist();
    }
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CompletableFuture<Integer> listen(String... args) {
    CommandLine cl = Oomlab.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 1];
    full[0] = "listen";
    System.arraycopy(args, 0, full, 1, args.length);
    return CompletableFuture.supplyAsync(() -> cl.execute(full));
  }

  /** The kernel-side path, as /proc/PID/cgroup and OOM reports print it. */
  private String kernelPath(MemoryCgroup cg) {
    return "/" + AgentRoot.NAME + "/" + run.path().getFileName() + "/" + cg.path().getFileName();
  }

  /**
   * A memcg held under OOM (oom_kill_disable=1 and a task past its limit) makes the kernel signal a
   * new registration at once (mem_cgroup_oom_register_event): the first line is {@code oom} with no
   * race against the registration. Removing the cgroup then prints {@code removed}, and with no
   * cgroup left the command exits 0.
   */
  @Test
  void underOomIsPrintedAtRegistrationAndRemovalEndsTheCommand() throws Exception {
    MemoryCgroupV1 a = (MemoryCgroupV1) run.create("A");
    a.setLimit(32 * Size.M);
    a.setOomKillDisable(true);
    try (WorkloadLauncher launcher = new WorkloadLauncher(WorkloadBinary.locate(), Path.of("/tmp"))) {
      Workload w = launcher.launch(new WorkloadSpec(TaskSpec.touching("hog", "A", 64 * Size.M), a.path().resolve("cgroup.procs")), IGNORE);
      w.start("hog");
      for (int i = 0; i < 1000 && !a.oomControl().underOom(); i++) Thread.sleep(10);
      assertThat(a.oomControl().underOom()).as("memcg under OOM with the OOM killer disabled").isTrue();

      String given = kernelPath(a);
      CompletableFuture<Integer> exit = listen(given, "--timeout", "20s");
      for (int i = 0; i < 1000 && out.toString().isEmpty(); i++) Thread.sleep(10);
      JsonNode oom = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
      assertThat(oom.get("cgroup").asText()).isEqualTo(given);
      assertThat(oom.get("kind").asText()).isEqualTo("oom");
      assertThat(oom.get("count").asLong()).isEqualTo(1);
      assertThat(oom.get("t_mono_ns").asLong()).isPositive().isLessThanOrEqualTo(System.nanoTime());

      a.remove(); // SIGKILL wakes the task from its OOM wait; then rmdir
      assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Oomlab.EXIT_OK);
      assertThat(err.toString()).isEmpty();
      assertThat(out.toString().lines().map(l -> l.replaceAll(".*\"kind\":\"([a-z_]+)\".*", "$1")).toList())
          .endsWith("removed");
    }
  }

  @Test
  void aPathThatIsNotAMemoryCgroupIsOneLineAndExit2() throws Exception {
    String given = "/" + AgentRoot.NAME + "/" + run.path().getFileName() + "/missing";
    assertThat(listen(given, "--timeout", "5s").get(10, TimeUnit.SECONDS)).isEqualTo(Oomlab.EXIT_BAD_INPUT);
    assertThat(err.toString().lines()).hasSize(1).first().asString()
        .startsWith("oomlab listen: " + given + ": not a memory cgroup");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void timeoutWithoutEventsExitsZeroSilently() throws Exception {
    MemoryCgroup a = run.create("A");
    assertThat(listen(kernelPath(a), "--timeout", "300ms").get(10, TimeUnit.SECONDS)).isEqualTo(Oomlab.EXIT_OK);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEmpty();
  }

  /**
   * Issue 13: {@code listen /}, the mount itself and the cgroup this JVM runs in are outside oomlab's
   * subtree: exit 2 in one line, before any eventfd exists, so none can be registered there.
   */
  @Test
  void aCgroupOutsideOomlabsSubtreeIsRefusedWithoutForeign() throws Exception {
    String own = oomlab.agent.cgroup.ProcCgroup.parse(java.nio.file.Files.readString(Path.of("/proc/self/cgroup"))).v1Memory().orElseThrow();
    for (String given : java.util.List.of("/", "/sys/fs/cgroup/memory", own, "/" + AgentRoot.NAME + "/../" + own.substring(1))) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      long before = eventfds();
      assertThat(listen(given, "--timeout", "5s").get(10, TimeUnit.SECONDS)).as(given).isEqualTo(Oomlab.EXIT_BAD_INPUT);
      assertThat(err.toString().lines()).as(given).hasSize(1).first().asString()
          .startsWith("oomlab listen: " + given + ": outside oomlab's subtree /sys/fs/cgroup/memory/oomlab")
          .endsWith("name it with --foreign " + given + " to listen there anyway");
      assertThat(eventfds()).as(given + ": no eventfd was created").isEqualTo(before);
      assertThat(out.toString()).isEmpty();
    }
  }

  /** Named with --foreign, a cgroup outside the subtree is listened to (here: the mount root, never under OOM). */
  @Test
  void aForeignCgroupNamedExplicitlyIsListenedTo() throws Exception {
    assertThat(listen("--foreign", "/", "--timeout", "300ms").get(10, TimeUnit.SECONDS)).isEqualTo(Oomlab.EXIT_OK);
    assertThat(err.toString()).isEmpty();
  }

  private static long eventfds() throws java.io.IOException {
    try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return java.nio.file.Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventfd]");
        } catch (java.io.IOException e) {
          return false;
        }
      }).count();
    }
  }
}

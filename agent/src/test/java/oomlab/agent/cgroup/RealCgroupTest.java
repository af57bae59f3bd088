package oomlab.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import oomlab.agent.KernelRequirement;
import org.junit.jupiter.api.AfterEach;

/**
 * Set-up shared by the real-kernel cgroup tests: a fresh run directory below the agent root, and
 * its removal (with every process left in it) after each test, even a failed one.
 */
public abstract class RealCgroupTest {
  protected static final long M = 1 << 20;
  protected AgentRoot root;
  protected RunDir run;
  /** A process the test started; killed after the test if still alive. */
  protected Process child;

  /** A run on whichever hierarchy has the memory controller. */
  protected void openRun() throws IOException {
    KernelRequirement.requireRoot();
    KernelRequirement.require(CgroupHierarchies.detect().memory().isPresent(), "a memory cgroup hierarchy");
    open();
  }

  /** A run on the memory controller of cgroup {@code version} ({@code v1} or {@code v2}). */
  protected void openRun(String version) throws IOException {
    KernelRequirement.requireRoot();
    KernelRequirement.requireMemoryController(version);
    open();
  }

  private void open() throws IOException {
    root = AgentRoot.open();
    run = root.createRun(getClass().getSimpleName() + "-" + System.nanoTime());
  }

  @AfterEach
  void removeRun() throws IOException {
    if (child != null) {
      child.destroyForcibly();
    }
    if (run != null) {
      run.close();
      assertThat(run.path()).doesNotExist();
    }
  }

  /** A shell that moves itself into {@code cgroup} first, then runs {@code script}. */
  protected static Process startIn(MemoryCgroup cgroup, String script) throws IOException {
    return new ProcessBuilder("sh", "-c", "echo $$ > " + cgroup.path().resolve("cgroup.procs") + " && " + script)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Like {@link #startIn}, returning once the shell is in the cgroup and has run {@code setup}. */
  protected static Process startReadyIn(MemoryCgroup cgroup, String setup, String then) throws IOException {
    Process p = startIn(cgroup, setup + "; echo ready; " + then);
    assertThat(new String(p.getInputStream().readNBytes(6))).isEqualTo("ready\n");
    return p;
  }

  /**
   * The C workload touching {@code bytes} in 1M steps, in {@code cgroup}: its pages are charged by
   * user-mode faults only. (A shell hog's read() faults in kernel mode, where a v1 memcg with
   * oom_kill_disable fails the charge, -EFAULT for read(), instead of waiting.)
   */
  protected static Process startToucherIn(MemoryCgroup cgroup, long bytes) throws IOException {
    Process p = new ProcessBuilder(oomlab.agent.workload.WorkloadBinary.locate().toString(),
        "--name", "toucher", "--parent", Long.toString(ProcessHandle.current().pid()),
        "--procs", cgroup.path().resolve("cgroup.procs").toString(), "--adj", "0",
        "--allocate", Long.toString(bytes), "--step", Long.toString(M), "--mode", "touch")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().write('s');
    p.getOutputStream().flush();
    return p;
  }

  /** A shell in {@code cgroup} that copies 64M of zeros through tail, which holds it all: an OOM hog. */
  protected static Process startHogIn(MemoryCgroup cgroup) throws IOException {
    return startIn(cgroup, "exec sh -c 'head -c 64M /dev/zero | tail'");
  }
}

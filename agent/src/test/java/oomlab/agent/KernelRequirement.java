package oomlab.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for real-kernel tests. A missing facility (not root, no memory cgroup, no /dev/kmsg) aborts
 * the test, so a developer laptop still runs the pure tests; with {@code OOMLAB_REQUIRE_KERNEL=1}
 * (CI, {@code scripts/test}) the same absence fails the test, so CI never passes by skipping.
 */
public final class KernelRequirement {
  private KernelRequirement() {}

  /**
   * JUnit tag of the tests that need the memory controller on cgroup v2: excluded from this host's
   * surefire run (memory is bound to v1 here), run in a Debian 6.1 guest booted with cgroup v2 by
   * the controller's {@code AgentV2TestsInDebian61GuestTest}.
   */
  public static final String GUEST_CGROUP_V2 = "guest-cgroup-v2";

  /** True when the environment demands every kernel facility (CI). */
  public static boolean required() {
    return "1".equals(System.getenv("OOMLAB_REQUIRE_KERNEL"));
  }

  /** Aborts (or, when required, fails) the current test unless {@code present}. */
  public static void require(boolean present, String facility) {
    if (present) {
      return;
    }
    String message = "kernel facility missing: " + facility;
    if (required()) {
      Assertions.fail(message + " (OOMLAB_REQUIRE_KERNEL=1)");
    }
    Assumptions.abort(message);
  }

  /** The test writes cgroup or /proc files that only root may write. */
  public static void requireRoot() {
    require("root".equals(System.getProperty("user.name")), "running as root");
  }

  /**
   * The memory controller on the given hierarchy version ({@code "v1"} or {@code "v2"}). A kernel
   * binds a controller to one hierarchy at a time, so on a machine whose memory controller is on
   * the other version this test cannot run at all, required or not: it aborts, naming where it
   * runs instead (a guest booted with that version, see vm-images). With no memory controller
   * anywhere the usual rule applies.
   */
  public static void requireMemoryController(String version) {
    String found;
    try {
      found = oomlab.agent.cgroup.CgroupHierarchies.detect().memory().map(h -> h.version().label()).orElse("none");
    } catch (java.io.IOException e) {
      found = "none";
    }
    if (!found.equals("none") && !found.equals(version)) {
      Assumptions.abort("the memory controller is bound to " + found + " on this machine; this " + version
          + " test runs in a guest booted with cgroup " + version);
    }
    require(found.equals(version), "memory controller on cgroup " + version);
  }

  /** A file the test reads or writes, e.g. {@code /sys/fs/cgroup/memory/memory.oom_control}. */
  public static void requireFile(Path path) {
    require(Files.exists(path), path.toString());
  }
}

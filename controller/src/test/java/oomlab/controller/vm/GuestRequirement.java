package oomlab.controller.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelFetcher;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for guest tests, as the agent's KernelRequirement is for real-kernel tests: without QEMU,
 * static busybox or a fetchable kernel the test aborts, unless OOMLAB_REQUIRE_KERNEL=1 (CI), where
 * the absence fails it.
 */
public final class GuestRequirement {
  private GuestRequirement() {}

  static void require(boolean present, String facility) {
    if (present) {
      return;
    }
    if ("1".equals(System.getenv("OOMLAB_REQUIRE_KERNEL"))) {
      Assertions.fail("guest facility missing: " + facility + " (OOMLAB_REQUIRE_KERNEL=1)");
    }
    Assumptions.abort("guest facility missing: " + facility);
  }

  /** QEMU and busybox-static present, and the kernel line cached (fetched here when missing). */
  public static CachedKernel kernel(String version) {
    require(onPath(QemuCommand.BINARY), QemuCommand.BINARY + " (qemu-system-x86)");
    require(Files.isRegularFile(StaticBusybox.DEFAULT), "/bin/busybox (busybox-static)");
    try {
      return KernelCache.standard().ensure(version, new KernelFetcher(Initramfs.moduleRoots(), System.err));
    } catch (Exception e) {
      require(false, "Debian kernel " + version + " (" + e.getMessage() + ")");
      throw new AssertionError(e);
    }
  }

  private static boolean onPath(String binary) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + binary).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}

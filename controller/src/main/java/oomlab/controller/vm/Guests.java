package oomlab.controller.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Consumer;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelFetcher;
import oomlab.controller.kernel.KernelSpec;

/** The entry the CLI uses: resolve {@code vm:KERNEL}, fetch on first use, boot, report the boot times. */
public final class Guests {
  private Guests() {}

  /** The cached kernel for {@code vm:VERSION}, fetched on first use; exit 2 for an unknown line. */
  public static CachedKernel kernel(String version, PrintStream log) throws IOException {
    if (KernelSpec.of(version).isEmpty()) {
      throw new GuestException(2, "unknown kernel vm:" + version + " (known: " + KernelSpec.known() + ")");
    }
    return KernelCache.standard().ensure(version, new KernelFetcher(Initramfs.moduleRoots(), log));
  }

  /** Checks that the kernel offers the cgroup version asked for (Debian 7.2 has no v1 memory controller). */
  public static void checkCgroup(CachedKernel kernel, CgroupMode mode) throws IOException {
    if (mode == CgroupMode.V1 && !kernel.config().memcgV1()) {
      throw new GuestException(2, "kernel " + kernel.release() + " has no cgroup v1 memory controller (CONFIG_MEMCG_V1 is not set); use --cgroup v2");
    }
  }

  /** Boots, runs, and prints the boot timeline to {@code log}; the command's output goes to console.log only. */
  public static GuestResult run(GuestRequest request, PrintStream log, int expectedResults) throws IOException {
    return run(request, log, expectedResults, line -> { });
  }

  /**
   * Boots, runs, passes the command's output lines to {@code output} as the guest prints them, and
   * prints the boot timeline to {@code log}; the guest's temporary files are removed.
   */
  public static GuestResult run(GuestRequest request, PrintStream log, int expectedResults, Consumer<String> output)
      throws IOException {
    checkCgroup(request.kernel(), request.cgroup());
    PreparedGuest guest = PreparedGuest.prepare(request);
    try {
      String task = "vm:" + request.kernel().version() + " " + request.cgroup().label();
      GuestResult result = new GuestRunner(GuestProgress.on(log, task, expectedResults), expectedResults, output).run(guest);
      log.println("oomlab: " + task + " (" + request.kernel().release() + "): " + result.timeline().summary());
      return result;
    } finally {
      guest.delete();
    }
  }
}

package oomlab.controller.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelConfig;
import oomlab.controller.kernel.KernelRequirements;
import oomlab.controller.kernel.MissingKernelOptions;
import oomlab.controller.kernel.NamedKernels;
import oomlab.controller.kernel.PathKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelFetcher;
import oomlab.controller.kernel.KernelSpec;

/** The entry the CLI uses: resolve {@code vm:KERNEL}, fetch on first use, boot, report the boot times. */
public final class Guests {
  private Guests() {}

  /** The kernel of {@code vm:KERNEL} (a Debian line, a name from {@code kernels add}, or a path). */
  public static CachedKernel kernel(String kernel, PrintStream log) throws IOException {
    return kernel(kernel, null, null, log);
  }

  /**
   * The kernel of {@code vm:KERNEL}: a Debian line is fetched on first use; a name given by
   * {@code kernels add} or a path (build tree, image with {@code modules} and {@code kconfig},
   * .deb) is laid out in the cache after its config passed the checks every guest needs (exit 3
   * naming what it lacks, before anything is copied). An unknown name is exit 2.
   */
  public static CachedKernel kernel(String kernel, Path modules, Path kconfig, PrintStream log) throws IOException {
    return kernel(kernel, modules, kconfig, java.util.Map.of(), log);
  }

  /**
   * As {@link #kernel(String, Path, Path, PrintStream)}, the kernel also holding {@code extraModules}
   * (module root to its config option) beside the guest's own, e.g. {@link ScratchDisk#MODULES}.
   */
  public static CachedKernel kernel(String kernel, Path modules, Path kconfig, java.util.Map<String, String> extraModules,
      PrintStream log) throws IOException {
    KernelCache cache = KernelCache.standard();
    List<String> roots = new java.util.ArrayList<>(Initramfs.moduleRoots());
    roots.addAll(new java.util.TreeSet<>(extraModules.keySet()));
    java.util.Map<String, String> options = new java.util.HashMap<>(Initramfs.moduleOptions());
    options.putAll(extraModules);
    if (KernelSpec.of(kernel).isPresent()) {
      if (modules != null || kconfig != null) {
        throw new GuestException(2, "--modules and --kconfig go with vm:PATH (a kernel image), not with the Debian line " + kernel);
      }
      return cache.ensure(kernel, new KernelFetcher(roots, log));
    }
    Optional<PathKernel> named = new NamedKernels(cache).find(kernel);
    if (named.isPresent() && (modules != null || kconfig != null)) {
      throw new GuestException(2, "--modules and --kconfig go with vm:PATH; " + kernel + " names a kernel with its own (oomlab kernels add)");
    }
    if (named.isEmpty() && !PathKernel.looksLikePath(kernel)) {
      throw new GuestException(2, "unknown kernel vm:" + kernel + " (known: " + KernelSpec.known() + named(cache)
          + "; or a path: a build tree, an image, a .deb)");
    }
    PathKernel path = named.orElseGet(() -> new PathKernel(Path.of(kernel), modules, kconfig));
    String label = named.isPresent() ? kernel : label(path.path());
    try {
      return path.materialize(cache, label, roots, options, KernelRequirements.standard());
    } catch (MissingKernelOptions e) {
      throw new GuestException(3, e.getMessage());
    } catch (IOException | IllegalStateException e) {
      throw new GuestException(3, "vm:" + kernel + ": " + e.getMessage());
    }
  }

  private static String named(KernelCache cache) throws IOException {
    var names = new NamedKernels(cache).all().keySet();
    return names.isEmpty() ? "" : "; named: " + String.join(", ", names);
  }

  /** A path kernel's name in progress lines and QEMU's -name: its file name, kept to safe characters. */
  static String label(Path path) {
    Path name = path.getFileName();
    return (name == null ? "kernel" : name.toString()).replaceAll("[^A-Za-z0-9_.+-]", "_");
  }

  /**
   * Checks the kernel's config for everything a guest on {@code mode} needs: a kernel without the
   * v1 memory controller asked for v1 is bad input (exit 2: Debian 7.2 has none, v2 works); any
   * other missing option is exit 3, all named in one line.
   */
  public static void checkCgroup(CachedKernel kernel, CgroupMode mode) throws IOException {
    KernelConfig config = kernel.config();
    List<String> missing = KernelRequirements.standard().missing(config, mode.label(), false);
    if (missing.isEmpty()) {
      return;
    }
    if (mode == CgroupMode.V1 && !config.memcgV1() && missing.size() == 1) {
      throw new GuestException(2, "kernel " + kernel.release() + " has no cgroup v1 memory controller (CONFIG_MEMCG_V1 is not set); use --cgroup v2");
    }
    throw new GuestException(3, "kernel " + kernel.release() + " lacks " + String.join(", ", missing));
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

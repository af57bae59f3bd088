package oomlab.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelFetcher;
import oomlab.controller.kernel.KernelSpec;
import oomlab.controller.vm.Initramfs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code oomlab kernels list|fetch VERSION}: the Debian kernels guests boot, cached under ~/.cache/oomlab/kernels. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "List or fetch the Debian kernels that --target vm:VERSION boots.",
    subcommands = {KernelsCommand.ListKernels.class, KernelsCommand.FetchKernel.class})
public final class KernelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static KernelFetcher fetcher() {
    return new KernelFetcher(Initramfs.moduleRoots(), System.err);
  }

  @Command(name = "list", description = "Show the cached kernels with their Debian versions, and the lines that can be fetched.")
  static final class ListKernels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      var out = spec.commandLine().getOut();
      KernelCache cache = KernelCache.standard();
      for (KernelSpec k : KernelSpec.all()) {
        var cached = cache.find(k.version());
        out.printf("%-6s %-9s %s%n", k.version(), k.suite(),
            cached.map(c -> c.release() + " (" + c.packageVersion() + ") " + c.dir()).orElse("not fetched"));
      }
      out.flush();
      return Oomlab.EXIT_OK;
    }
  }

  @Command(name = "fetch", description = "Fetch a kernel line (newest Debian build) into the cache; refetches when already cached.")
  static final class FetchKernel implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "VERSION", description = "kernel line: 5.10, 6.1, 6.12 or 7.2")
    String version;

    @Override
    public Integer call() {
      if (KernelSpec.of(version).isEmpty()) {
        spec.commandLine().getErr().println("oomlab: unknown kernel " + version + " (known: " + KernelSpec.known() + ")");
        return Oomlab.EXIT_BAD_INPUT;
      }
      try {
        CachedKernel k = fetcher().fetch(version, KernelCache.standard());
        spec.commandLine().getOut().println(k.version() + " " + k.release() + " (" + k.packageVersion() + ") " + k.dir());
        spec.commandLine().getOut().flush();
        return Oomlab.EXIT_OK;
      } catch (IOException | RuntimeException e) {
        spec.commandLine().getErr().println("oomlab: kernels fetch " + version + ": " + e.getMessage());
        return Oomlab.EXIT_ENVIRONMENT;
      }
    }
  }
}

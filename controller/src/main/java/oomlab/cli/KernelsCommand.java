package oomlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelFetcher;
import oomlab.controller.kernel.KernelSpec;
import oomlab.controller.kernel.NamedKernels;
import oomlab.controller.kernel.PathKernel;
import oomlab.controller.vm.GuestException;
import oomlab.controller.vm.Guests;
import oomlab.controller.vm.Initramfs;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code oomlab kernels list|fetch VERSION}: the Debian kernels guests boot, cached under ~/.cache/oomlab/kernels. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "List or fetch the Debian kernels that --target vm:VERSION boots; name kernels given by path.",
    subcommands = {KernelsCommand.ListKernels.class, KernelsCommand.FetchKernel.class, KernelsCommand.AddKernel.class,
        KernelsCommand.RemoveKernel.class})
public final class KernelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static KernelFetcher fetcher() {
    return new KernelFetcher(Initramfs.moduleRoots(), System.err);
  }

  @Command(name = "list", description = {"Show the cached Debian kernels, the lines that can be fetched and the named kernels;",
      "with KERNEL arguments (a name or a path), resolve each as --target vm:KERNEL would and show its release."})
  static final class ListKernels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "KERNEL", arity = "0..*", description = "a kernel name or path to resolve")
    List<String> kernels = List.of();

    @Option(names = "--modules", paramLabel = "ROOT", description = "with one image file as KERNEL: its INSTALL_MOD_PATH root")
    Path modules;

    @Option(names = "--kconfig", paramLabel = "FILE", description = "with one image file as KERNEL: its .config")
    Path kconfig;

    @Override
    public Integer call() throws IOException {
      var out = spec.commandLine().getOut();
      var err = spec.commandLine().getErr();
      KernelCache cache = KernelCache.standard();
      if (!kernels.isEmpty()) {
        int exit = Oomlab.EXIT_OK;
        for (String k : kernels) {
          try {
            CachedKernel c = Guests.kernel(k, modules, kconfig, System.err);
            out.printf("%-12s %s (%s) %s%n", c.version(), c.release(), c.packages(), c.dir());
          } catch (GuestException e) {
            err.println("oomlab: kernels list " + k + ": " + e.getMessage());
            exit = Math.max(exit, e.exitCode());
          }
        }
        out.flush();
        return exit;
      }
      for (KernelSpec k : KernelSpec.all()) {
        var cached = cache.find(k.version());
        out.printf("%-6s %-9s %s%n", k.version(), k.suite(),
            cached.map(c -> c.release() + " (" + c.packageVersion() + ") " + c.dir()).orElse("not fetched"));
      }
      for (Map.Entry<String, PathKernel> named : new NamedKernels(cache).all().entrySet()) {
        out.printf("%-6s %-9s %s%n", named.getKey(), "named", named.getValue().describe());
      }
      out.flush();
      return Oomlab.EXIT_OK;
    }
  }

  @Command(name = "add", description = {"Name a kernel given by path, for --target vm:NAME and matrix --kernels 6.1,NAME.",
      "PATH: a kernel build tree after make, an image file (with --modules/--kconfig), or a kernel .deb."})
  static final class AddKernel implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "PATH")
    Path path;

    @Option(names = "--modules", paramLabel = "ROOT", description = "with an image file: its INSTALL_MOD_PATH root")
    Path modules;

    @Option(names = "--kconfig", paramLabel = "FILE", description = "with an image file: its .config")
    Path kconfig;

    @Override
    public Integer call() throws IOException {
      var err = spec.commandLine().getErr();
      var bad = NamedKernels.badName(name);
      if (bad.isPresent()) {
        err.println("oomlab: kernels add: " + bad.get());
        return Oomlab.EXIT_BAD_INPUT;
      }
      if (!Files.exists(path)) {
        err.println("oomlab: kernels add: " + path + ": no such file or directory");
        return Oomlab.EXIT_BAD_INPUT;
      }
      try {
        // Resolved once now, so a path that cannot boot is refused here rather than in a matrix.
        CachedKernel k = Guests.kernel(path.toAbsolutePath().toString(), modules, kconfig, System.err);
        new NamedKernels(KernelCache.standard()).put(name, new PathKernel(path, modules, kconfig));
        spec.commandLine().getOut().println(name + " " + k.release() + " " + path.toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        return Oomlab.EXIT_OK;
      } catch (GuestException e) {
        err.println("oomlab: kernels add " + name + ": " + e.getMessage());
        return e.exitCode();
      }
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

  @Command(name = "remove", description = "Forget a name given by 'oomlab kernels add' (the kernel's files stay where they are).")
  static final class RemoveKernel implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws IOException {
      if (!new NamedKernels(KernelCache.standard()).remove(name)) {
        spec.commandLine().getErr().println("oomlab: kernels remove: no kernel named " + name);
        return Oomlab.EXIT_BAD_INPUT;
      }
      return Oomlab.EXIT_OK;
    }
  }
}

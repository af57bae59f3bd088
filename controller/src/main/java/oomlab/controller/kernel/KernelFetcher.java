package oomlab.controller.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches one Debian kernel line into the cache: private apt update, newest build resolved from
 * the private lists, {@code apt-get download}, {@code dpkg-deb -x}, then keeps only what a guest
 * boots from (vmlinuz, vmlinux, config, the modules the guest's module roots need).
 */
public final class KernelFetcher {
  private final List<String> moduleRoots;
  private final PrintStream log;

  /** @param moduleRoots the modules the guest loads (their dependencies are added from modinfo) */
  public KernelFetcher(List<String> moduleRoots, PrintStream log) {
    this.moduleRoots = List.copyOf(moduleRoots);
    this.log = log;
  }

  public List<String> moduleRoots() {
    return moduleRoots;
  }

  public CachedKernel fetch(String version, KernelCache cache) throws IOException {
    KernelSpec spec = KernelSpec.of(version).orElseThrow(() -> new IllegalArgumentException(
        "unknown kernel " + version + " (known: " + KernelSpec.known() + ")"));
    String archive = AptSources.systemArchiveUri().orElseThrow(() -> new IOException(
        "no Debian archive found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"));
    PrivateApt apt = new PrivateApt(cache.root().resolve("apt").resolve(spec.suite()), spec.suite(), archive);
    log.println("oomlab: kernel " + version + ": reading " + spec.suite() + " package lists from " + archive);
    apt.update();
    KernelPackages pkgs = KernelPackageResolver.resolve(version, apt.packageNames("linux-")).orElseThrow(() ->
        new IOException("no linux-image-" + version + ".*-amd64 in " + spec.suite()));
    String packageVersion = apt.version(pkgs.packages().getFirst());
    log.println("oomlab: kernel " + version + ": downloading " + String.join(" ", pkgs.packages()) + " (" + packageVersion + ")");

    Path work = cache.root().resolve("." + version + ".work");
    deleteTree(work);
    Path debs = work.resolve("debs");
    Path unpacked = work.resolve("unpacked");
    apt.download(debs, pkgs.packages());
    Files.createDirectories(unpacked);
    try (Stream<Path> files = Files.list(debs)) {
      for (Path deb : files.filter(p -> p.toString().endsWith(".deb")).toList()) {
        ExternalCommand.run(work, List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()));
      }
    }
    Path out = work.resolve("kernel");
    Files.createDirectories(out.resolve("modules"));
    keepBootFiles(unpacked, pkgs.release(), out);
    new CachedKernel(out, version, pkgs.release(), packageVersion, String.join(" ", pkgs.packages()), moduleRoots).write();

    Path target = cache.root().resolve(version);
    deleteTree(target);
    Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(work);
    log.println("oomlab: kernel " + version + ": cached " + pkgs.release() + " in " + target);
    return CachedKernel.read(target);
  }

  /** Copies vmlinuz, config and the module closure out of the unpacked packages (layouts of 5.10 to 7.x). */
  private void keepBootFiles(Path unpacked, String release, Path out) throws IOException {
    Path modulesRoot = firstExisting(unpacked.resolve("usr/lib/modules").resolve(release), unpacked.resolve("lib/modules").resolve(release));
    Path vmlinuz = firstExisting(unpacked.resolve("boot/vmlinuz-" + release), modulesRoot.resolve("vmlinuz"));
    Path config = firstExisting(unpacked.resolve("boot/config-" + release), modulesRoot.resolve("config"));
    Files.copy(vmlinuz, out.resolve("vmlinuz"));
    Files.copy(config, out.resolve("config"));
    BzImage.extractVmlinux(out.resolve("vmlinuz"), out.resolve("vmlinux"));

    Path builtin = modulesRoot.resolve("modules.builtin");
    KernelModules modules = KernelModules.scan(modulesRoot.resolve("kernel"), builtin);
    for (String name : modules.loadOrder(moduleRoots)) {
      Files.write(out.resolve("modules").resolve(name + ".ko"), modules.bytes(name));
    }
    if (Files.exists(builtin)) {
      Files.copy(builtin, out.resolve("modules/modules.builtin"));
    }
  }

  private static Path firstExisting(Path... candidates) throws IOException {
    for (Path p : candidates) {
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IOException("the kernel package has none of " + List.of(candidates));
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

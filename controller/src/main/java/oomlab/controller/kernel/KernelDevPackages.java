package oomlab.controller.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The development packages of a fetched Debian kernel, through the same private apt
 * configuration as the kernel ({@link PrivateApt}), unpacked once into {@code kernels/dev-LINE/}
 * of the cache: {@code linux-headers-RELEASE} with its {@code -common} and {@code linux-kbuild}
 * (to build out-of-tree modules against the guest kernel), and the line's {@code linux-source}
 * (its {@code tools/}, for the kernel's own selftests).
 */
public final class KernelDevPackages {
  private final KernelCache cache;
  private final PrintStream log;

  public KernelDevPackages(KernelCache cache, PrintStream log) {
    this.cache = cache;
    this.log = log;
  }

  /**
   * The headers build directory of {@code kernel} ({@code make -C DIR M=$PWD modules} builds a
   * module for it), fetched on first use.
   */
  public Path headers(CachedKernel kernel) throws IOException {
    Path root = dir(kernel.version()).resolve("headers-" + kernel.release());
    Path build = root.resolve("usr/src/linux-headers-" + kernel.release());
    return once(root, build, () -> {
      PrivateApt apt = apt(kernel.version());
      String image = "linux-headers-" + kernel.release();
      List<String> packages = new ArrayList<>(List.of(image));
      // linux-headers-RELEASE depends on its -common part and on linux-kbuild-LINE (the host tools).
      for (String dep : apt.depends(image)) {
        if (dep.startsWith("linux-headers-") || dep.startsWith("linux-kbuild-")) {
          packages.add(dep);
        }
      }
      log.println("oomlab: kernel " + kernel.version() + ": downloading " + String.join(" ", packages));
      unpack(apt, packages, root, () -> {
        // Debian's arch Makefile includes the -common one by its absolute /usr/src path.
        Path makefile = build.resolve("Makefile");
        Files.writeString(makefile, Files.readString(makefile).replace("include /usr/src/", "include " + root.resolve("usr/src") + "/"));
      });
      return build;
    });
  }

  /**
   * The top of an unpacked {@code linux-source-LINE} holding its {@code tools/} (the selftests and
   * the headers they include) and top-level Makefile, fetched and extracted on first use.
   */
  public Path source(String version) throws IOException {
    Path root = dir(version).resolve("source");
    Path top = root.resolve("linux-source-" + version);
    return once(root, top, () -> {
      PrivateApt apt = apt(version);
      String pkg = "linux-source-" + version;
      log.println("oomlab: kernel " + version + ": downloading " + pkg + " (" + apt.version(pkg) + ") for its selftests");
      Path debs = Files.createTempDirectory(dir(version), ".src-");
      try {
        apt.download(debs, List.of(pkg));
        unpackDebs(debs, debs.resolve("x"));
        Path tarball;
        try (Stream<Path> s = Files.walk(debs.resolve("x"))) {
          tarball = s.filter(p -> p.getFileName().toString().matches("linux-source-.*\\.tar\\.(xz|bz2|gz|zst)")).findFirst()
              .orElseThrow(() -> new IOException(pkg + " holds no linux-source tarball"));
        }
        Path tmp = root.resolveSibling(".source-new");
        KernelFetcher.deleteTree(tmp);
        Files.createDirectories(tmp);
        log.println("oomlab: kernel " + version + ": extracting tools/ from " + tarball.getFileName());
        ExternalCommand.run(tmp, List.of("tar", "-xf", tarball.toString(), "--wildcards", "*/tools/*", "linux-source-" + version + "/Makefile"));
        Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        KernelFetcher.deleteTree(debs);
      }
      return top;
    });
  }

  private Path dir(String version) throws IOException {
    Path d = cache.root().resolve("dev-" + version);
    Files.createDirectories(d);
    return d;
  }

  private PrivateApt apt(String version) throws IOException {
    KernelSpec spec = KernelSpec.of(version).orElseThrow(() -> new IOException(
        "kernel " + version + " is not a Debian line (known: " + KernelSpec.known() + "): no packages to fetch for it"));
    String archive = AptSources.systemArchiveUri().orElseThrow(() -> new IOException(
        "no Debian archive found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"));
    PrivateApt apt = new PrivateApt(cache.root().resolve("apt").resolve(spec.suite()), spec.suite(), archive);
    apt.update();
    return apt;
  }

  private interface Fetch {
    Path run() throws IOException;
  }

  private interface Fixup {
    void run() throws IOException;
  }

  /** {@code result} when it exists, else {@code fetch} under a lock (concurrent callers fetch once). */
  private Path once(Path root, Path result, Fetch fetch) throws IOException {
    if (Files.exists(result)) {
      return result;
    }
    try (FileChannel ch = FileChannel.open(root.resolveSibling(root.getFileName() + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      return Files.exists(result) ? result : fetch.run();
    }
  }

  private void unpack(PrivateApt apt, List<String> packages, Path root, Fixup fixup) throws IOException {
    Path work = Files.createTempDirectory(root.getParent(), ".dev-");
    try {
      apt.download(work.resolve("debs"), packages);
      unpackDebs(work.resolve("debs"), work.resolve("root"));
      Path tmp = work.resolve("root");
      KernelFetcher.deleteTree(root);
      Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
      fixup.run();
    } finally {
      KernelFetcher.deleteTree(work);
    }
  }

  private static void unpackDebs(Path debs, Path into) throws IOException {
    Files.createDirectories(into);
    try (Stream<Path> files = Files.list(debs)) {
      for (Path deb : files.filter(p -> p.toString().endsWith(".deb")).toList()) {
        ExternalCommand.run(debs, List.of("dpkg-deb", "-x", deb.toString(), into.toString()));
      }
    }
  }
}

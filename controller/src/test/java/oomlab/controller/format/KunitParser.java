package oomlab.controller.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oomlab.controller.kernel.AptSources;
import oomlab.controller.kernel.ExternalCommand;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelFetcher;
import oomlab.controller.kernel.KernelSpec;
import oomlab.controller.kernel.PrivateApt;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The kernel's own KTAP parser, {@code tools/testing/kunit/kunit.py parse}, from Debian's
 * {@code linux-source-6.1}: fetched the way oomlab fetches kernels (the same private apt
 * configuration of bookworm, under the same lock), unpacked once and cached beside the kernels in
 * {@code kernel-sources/linux-source-6.1/tools/testing/kunit} (kunit.py finds its tree by that
 * path). A machine without python3 or without the package aborts the test, and fails it under
 * OOMLAB_REQUIRE_KERNEL=1 (CI), so that CI never passes by skipping.
 */
final class KunitParser {
  static final String LINE = "6.1";
  private static final String PACKAGE = "linux-source-" + LINE;

  private KunitParser() {}

  /** What {@code kunit.py parse --json} said about a file: its exit code, its printed lines and its JSON. */
  record Parse(int exitCode, String output, String json) {}

  static Parse parse(Path ktap) throws Exception {
    Path kunit = kunitPy();
    Path json = ktap.resolveSibling(ktap.getFileName() + ".kunit.json");
    Process p = new ProcessBuilder("python3", kunit.toString(), "parse", "--json=" + json, ktap.toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assertions.assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kunit.py parse did not end");
    return new Parse(p.exitValue(), out, Files.isRegularFile(json) ? Files.readString(json) : "");
  }

  static Path kunitPy() {
    require(onPath("python3"), "python3");
    Path cache = KernelCache.standard().root();
    Path tree = cache.resolveSibling("kernel-sources").resolve(PACKAGE);
    Path script = tree.resolve("tools/testing/kunit/kunit.py");
    if (Files.isRegularFile(script)) return script;
    try {
      Files.createDirectories(cache);
      // The kernel fetch of this line uses the same private apt state: one at a time.
      try (FileChannel ch = FileChannel.open(cache.resolve(LINE + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        if (!Files.isRegularFile(script)) fetch(cache, tree);
      }
    } catch (Exception e) {
      require(false, PACKAGE + " (" + e.getMessage() + ")");
    }
    return script;
  }

  private static void fetch(Path cache, Path tree) throws IOException {
    String suite = KernelSpec.of(LINE).orElseThrow().suite();
    String archive = AptSources.systemArchiveUri().orElseThrow(() -> new IOException("no Debian archive in the system's apt sources"));
    PrivateApt apt = new PrivateApt(cache.resolve("apt").resolve(suite), suite, archive);
    System.err.println("oomlab test: fetching " + PACKAGE + " from " + suite + " for the kernel's KTAP parser (once)");
    apt.update();
    Path work = tree.resolveSibling("." + tree.getFileName() + ".work");
    KernelFetcher.deleteTree(work);
    apt.download(work.resolve("debs"), List.of(PACKAGE));
    Path deb;
    try (var files = Files.list(work.resolve("debs"))) {
      deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow(() -> new IOException("no .deb downloaded"));
    }
    Path unpacked = Files.createDirectories(work.resolve("unpacked"));
    ExternalCommand.run(work, List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()));
    Path tarball = unpacked.resolve("usr/src/" + PACKAGE + ".tar.xz");
    Path src = Files.createDirectories(work.resolve("src"));
    ExternalCommand.run(work, List.of("tar", "-xJf", tarball.toString(), "-C", src.toString(), PACKAGE + "/tools/testing/kunit"));
    Files.writeString(src.resolve(PACKAGE + "/.oomlab-source"), deb.getFileName() + "\n");
    KernelFetcher.deleteTree(tree);
    Files.move(src.resolve(PACKAGE), tree, StandardCopyOption.ATOMIC_MOVE);
    KernelFetcher.deleteTree(work);
  }

  static void require(boolean present, String what) {
    if (present) return;
    if ("1".equals(System.getenv("OOMLAB_REQUIRE_KERNEL"))) Assertions.fail("missing: " + what + " (OOMLAB_REQUIRE_KERNEL=1)");
    Assumptions.abort("missing: " + what);
  }

  private static boolean onPath(String binary) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + binary).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}

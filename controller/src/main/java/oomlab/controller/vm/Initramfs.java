package oomlab.controller.vm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oomlab.controller.kernel.KernelModules;

/**
 * Builds the guest's initramfs (uncompressed cpio: the kernel unpacks it faster than it would
 * decompress it under TCG): static busybox, {@code vm-images/guest-init.sh} as {@code /init},
 * the modules of {@code vm-images/initramfs.modules} with their dependencies in load levels, and
 * {@code /oomlab/run.conf} describing this run.
 */
public final class Initramfs {
  static final String INIT = "/vm-images/guest-init.sh";
  static final String MODULE_ROOTS = "/vm-images/initramfs.modules";

  private Initramfs() {}

  /** The modules the guest needs, from {@code vm-images/initramfs.modules} (comments and blanks skipped). */
  public static List<String> moduleRoots() {
    return moduleLines().map(l -> l.split("\\s+")[0]).toList();
  }

  /** Each module root's config option (the list's second word): =y means built in. */
  public static java.util.Map<String, String> moduleOptions() {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
    moduleLines().map(l -> l.split("\\s+")).filter(w -> w.length > 1).forEach(w -> options.put(w[0], w[1]));
    return options;
  }

  private static java.util.stream.Stream<String> moduleLines() {
    return resourceText(MODULE_ROOTS).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"));
  }

  public static void write(Path target, GuestRequest request, byte[] busybox) throws IOException {
    KernelModules modules = request.kernel().modules();
    List<List<String>> levels = modules.loadLevels(request.moduleRoots());
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target));
        CpioWriter cpio = new CpioWriter(file)) {
      for (String dir : List.of("bin", "dev", "proc", "sys", "tmp", "mnt", "mnt/host", "lib", "lib/modules", "oomlab")) {
        cpio.directory(dir, 0755);
      }
      // The kernel opens /dev/console for init's stdio before init can mount devtmpfs.
      cpio.charDevice("dev/console", 0600, 5, 1);
      cpio.file("bin/busybox", 0755, busybox);
      cpio.file("init", 0755, resourceText(INIT).getBytes(StandardCharsets.UTF_8));
      for (List<String> level : levels) {
        for (String m : level) {
          cpio.file("lib/modules/" + m + ".ko", 0644, modules.bytes(m));
        }
      }
      // One level a line: the init loads a line's modules in parallel, the lines in order.
      cpio.file("lib/modules/modules.load", 0644, lines(levels.stream().map(l -> String.join(" ", l)).toList()));
      cpio.file("oomlab/run.conf", 0644, RunConf.text(request).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static String resourceText(String name) {
    try (InputStream in = Initramfs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " (is vm-images/ packaged?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package oomlab.controller.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A kernel given by path ({@code --target vm:PATH}) rather than a Debian line: a build tree after
 * {@code make}, an image file (bzImage, vmlinuz or vmlinux) with an optional {@code --modules}
 * root ({@code INSTALL_MOD_PATH}) and {@code --kconfig} file, or a kernel {@code .deb}. It is laid
 * out as a {@link CachedKernel} below {@code kernels/path/} of the cache (image, config, the module
 * closure the guest loads), keyed by the paths and the image's size and time, so a rebuilt kernel
 * gets a fresh copy and an unchanged one is reused.
 *
 * @param path the build tree, image file or .deb
 * @param modules an INSTALL_MOD_PATH root, or null
 * @param kconfig the kernel's .config, or null
 */
public record PathKernel(Path path, Path modules, Path kconfig) {

  public PathKernel {
    path = path.toAbsolutePath().normalize();
    modules = modules == null ? null : modules.toAbsolutePath().normalize();
    kconfig = kconfig == null ? null : kconfig.toAbsolutePath().normalize();
  }

  /** Whether a {@code vm:} argument names a path rather than a kernel line or a name. */
  public static boolean looksLikePath(String spec) {
    return spec.contains("/") || spec.endsWith(".deb") || Files.exists(Path.of(spec));
  }

  /** What the guest boots from, found in one of the three forms. */
  record Layout(Path image, String release, String configText, String configSource, Map<String, Path> moduleFiles, Set<String> builtin) {}

  /**
   * Lays the kernel out in the cache and returns it, after checking its config against {@code
   * requirements} (always-needed options only: the hierarchy is checked by the caller).
   *
   * @param label the name the guest is shown under ({@code kernels add NAME}, or the file name)
   * @param rootOptions the config option of each module root: =y means built in even without modules.builtin
   * @throws MissingKernelOptions when the config lacks what every guest needs (before anything is copied)
   */
  public CachedKernel materialize(KernelCache cache, String label, List<String> moduleRoots, Map<String, String> rootOptions,
      KernelRequirements requirements) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + ": no such file or directory");
    }
    Path work = null;
    try {
      Layout layout;
      if (path.toString().endsWith(".deb") && Files.isRegularFile(path)) {
        Files.createDirectories(cache.root());
        work = Files.createTempDirectory(cache.root(), ".deb-");
        ExternalCommand.run(work, List.of("dpkg-deb", "-x", path.toString(), work.toString()));
        layout = fromRoot(work, null, kconfig);
      } else if (Files.isDirectory(path)) {
        layout = fromTree(path);
      } else {
        layout = fromImage(path, modules, kconfig);
      }
      KernelConfig config = KernelConfig.parse(layout.configText());
      List<String> missing = requirements.missing(config, "v2", false);
      if (!missing.isEmpty()) {
        throw new MissingKernelOptions(layout.release(), layout.configSource(), missing);
      }
      return write(cache, label, layout, config, moduleRoots, rootOptions);
    } finally {
      if (work != null) {
        KernelFetcher.deleteTree(work);
      }
    }
  }

  private CachedKernel write(KernelCache cache, String label, Layout layout, KernelConfig config, List<String> moduleRoots,
      Map<String, String> rootOptions) throws IOException {
    Path dir = cache.root().resolve("path").resolve(key(layout, moduleRoots));
    if (Files.isRegularFile(dir.resolve(CachedKernel.PROPERTIES))) {
      CachedKernel k = CachedKernel.read(dir);
      return new CachedKernel(dir, label, k.release(), k.packageVersion(), k.packages(), k.moduleRoots());
    }
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), ".new-");
    try {
      Files.createDirectories(tmp.resolve("modules"));
      Files.writeString(tmp.resolve("config"), layout.configText());
      boolean pvh = config.get("CONFIG_PVH").equals("y");
      if (KernelImage.isElf(layout.image())) {
        if (!pvh) {
          throw new IOException(layout.image() + ": an ELF vmlinux boots in QEMU only with CONFIG_PVH=y; give the bzImage");
        }
        Files.copy(layout.image(), tmp.resolve("vmlinux"));
      } else {
        Files.copy(layout.image(), tmp.resolve("vmlinuz"));
        // The PVH entry skips the in-guest decompression, seconds under TCG (see BzImage).
        if (pvh) {
          BzImage.extractVmlinux(tmp.resolve("vmlinuz"), tmp.resolve("vmlinux"));
        }
      }
      Set<String> builtin = new java.util.HashSet<>(layout.builtin());
      rootOptions.forEach((module, option) -> {
        if (config.get(option).equals("y")) {
          builtin.add(ModuleClosure.normalize(module.replace("?", "")));
        }
      });
      KernelModules mods = KernelModules.of(layout.moduleFiles(), builtin);
      for (String name : mods.loadOrder(moduleRoots)) {
        Files.write(tmp.resolve("modules").resolve(name + ".ko"), mods.bytes(name));
      }
      Files.write(tmp.resolve("modules/modules.builtin"), builtin.stream().sorted().map(n -> n + ".ko").toList());
      new CachedKernel(tmp, label, layout.release(), "path", describe(), moduleRoots).write();
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.isRegularFile(dir.resolve(CachedKernel.PROPERTIES))) {
          throw raced;
        }
      }
    } finally {
      KernelFetcher.deleteTree(tmp);
    }
    CachedKernel k = CachedKernel.read(dir);
    return new CachedKernel(dir, label, k.release(), k.packageVersion(), k.packages(), k.moduleRoots());
  }

  /** The paths as given, for {@code kernels list} and kernel.properties. */
  public String describe() {
    return path + (modules == null ? "" : " --modules " + modules) + (kconfig == null ? "" : " --kconfig " + kconfig);
  }

  /** A build tree after make: the image, .config, kernel.release, modules.order and modules.builtin. */
  static Layout fromTree(Path tree) throws IOException {
    Path config = tree.resolve(".config");
    Path releaseFile = tree.resolve("include/config/kernel.release");
    if (!Files.isRegularFile(config) || !Files.isRegularFile(releaseFile)) {
      throw new IOException(tree + ": not a kernel build tree after make (needs .config and include/config/kernel.release)");
    }
    String configText = readConfig(config);
    boolean pvh = KernelConfig.parse(configText).get("CONFIG_PVH").equals("y");
    Path bz = tree.resolve("arch/x86/boot/bzImage");
    Path vmlinux = tree.resolve("vmlinux");
    Path image = pvh && Files.isRegularFile(vmlinux) ? vmlinux : bz;
    if (!Files.isRegularFile(image)) {
      throw new IOException(tree + ": no arch/x86/boot/bzImage (run make first)");
    }
    Map<String, Path> files = new HashMap<>();
    Path order = tree.resolve("modules.order");
    if (Files.isRegularFile(order)) {
      // modules.order names each module's object (.o from 6.2, .ko before): the .ko lies beside it.
      for (String line : Files.readAllLines(order)) {
        String rel = line.strip();
        if (rel.isEmpty()) {
          continue;
        }
        Path ko = tree.resolve(rel.endsWith(".o") ? rel.substring(0, rel.length() - 2) + ".ko" : rel);
        if (Files.isRegularFile(ko)) {
          files.put(moduleName(ko), ko);
        }
      }
    }
    return new Layout(image, Files.readString(releaseFile).strip(), configText, config.toString(), files,
        builtinList(tree.resolve("modules.builtin")));
  }

  /** An image file, with modules from an INSTALL_MOD_PATH root and the config from --kconfig, the root or the image. */
  static Layout fromImage(Path image, Path root, Path kconfig) throws IOException {
    String release = KernelImage.release(image).orElseThrow(() ->
        new IOException(image + ": not a kernel image (no bzImage header, no \"Linux version\" banner)"));
    if (root != null) {
      return fromRoot(root, image, kconfig);
    }
    Config c = config(kconfig, null, image);
    return new Layout(image, release, c.text, c.source, Map.of(), Set.of());
  }

  /**
   * An INSTALL_MOD_PATH root ({@code lib/modules/RELEASE} or {@code usr/lib/modules/RELEASE}),
   * also the layout of an unpacked kernel .deb (the image then at {@code boot/vmlinuz-RELEASE}
   * or {@code lib/modules/RELEASE/vmlinuz}).
   */
  static Layout fromRoot(Path root, Path image, Path kconfig) throws IOException {
    String wanted = image == null ? null : KernelImage.release(image).orElse(null);
    Path modulesDir = null;
    for (Path base : List.of(root.resolve("lib/modules"), root.resolve("usr/lib/modules"))) {
      if (!Files.isDirectory(base)) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(base)) {
        List<Path> releases = dirs.filter(Files::isDirectory).sorted().toList();
        Optional<Path> match = releases.stream().filter(d -> d.getFileName().toString().equals(wanted)).findFirst();
        if (match.isPresent()) {
          modulesDir = match.get();
        } else if (releases.size() == 1 && modulesDir == null) {
          modulesDir = releases.getFirst();
        }
      }
    }
    if (modulesDir == null) {
      throw new IOException(root + ": no lib/modules/<release> directory" + (wanted == null ? "" : " for " + wanted));
    }
    String release = modulesDir.getFileName().toString();
    if (wanted != null && !release.equals(wanted)) {
      throw new IOException(root + ": holds modules for " + release + ", but " + image + " is " + wanted);
    }
    Path img = image;
    if (img == null) {
      img = firstExisting(root.resolve("boot/vmlinuz-" + release), modulesDir.resolve("vmlinuz"));
      if (img == null) {
        throw new IOException(root + ": no boot/vmlinuz-" + release);
      }
    }
    Config c = config(kconfig, firstExisting(root.resolve("boot/config-" + release), modulesDir.resolve("config")), img);
    Map<String, Path> files = new HashMap<>();
    try (Stream<Path> all = Files.walk(modulesDir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String n = p.getFileName().toString();
        if (n.endsWith(".ko") || n.endsWith(".ko.xz")) {
          files.put(moduleName(p), p);
        }
      }
    }
    return new Layout(img, release, c.text, c.source, files, builtinList(modulesDir.resolve("modules.builtin")));
  }

  private record Config(String text, String source) {}

  /** A kernel .config is a few hundred KiB: a file far larger is not one, and is not read. */
  static final long MAX_CONFIG_BYTES = 16L << 20;

  static String readConfig(Path config) throws IOException {
    long size = Files.size(config);
    if (size > MAX_CONFIG_BYTES) {
      throw new IOException(config + ": " + size + " bytes, not a kernel config (at most " + MAX_CONFIG_BYTES + ")");
    }
    return Files.readString(config);
  }

  /** --kconfig, else the root's config file, else the image's IKCONFIG. */
  private static Config config(Path kconfig, Path fromRoot, Path image) throws IOException {
    if (kconfig != null) {
      if (!Files.isRegularFile(kconfig)) {
        throw new IOException(kconfig + ": --kconfig: no such file");
      }
      return new Config(readConfig(kconfig), kconfig.toString());
    }
    if (fromRoot != null) {
      return new Config(readConfig(fromRoot), fromRoot.toString());
    }
    Optional<String> ik = KernelImage.ikconfig(image);
    if (ik.isEmpty()) {
      throw new IOException(image + ": no config found: give --kconfig FILE (or a --modules root with boot/config-<release>;"
          + " the image has no readable IKCONFIG)");
    }
    return new Config(ik.get(), image + " (IKCONFIG)");
  }

  private static Set<String> builtinList(Path list) throws IOException {
    Set<String> builtin = new java.util.HashSet<>();
    if (Files.isRegularFile(list)) {
      for (String line : Files.readAllLines(list)) {
        String n = Path.of(line.strip()).getFileName() == null ? "" : Path.of(line.strip()).getFileName().toString();
        if (n.endsWith(".ko")) {
          builtin.add(ModuleClosure.normalize(n.substring(0, n.length() - 3)));
        }
      }
    }
    return builtin;
  }

  private static String moduleName(Path ko) {
    String n = ko.getFileName().toString();
    return ModuleClosure.normalize(n.substring(0, n.indexOf(".ko")));
  }

  private static Path firstExisting(Path... candidates) {
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** The cache key: the paths, and the size and modification time of what they name. */
  private String key(Layout layout, List<String> moduleRoots) throws IOException {
    List<String> parts = new ArrayList<>(List.of(describe(), layout.release(), String.join(",", moduleRoots)));
    // The image by size and time, not by path: a .deb's image lies in a fresh unpacking each time.
    for (Path p : new Path[] {layout.image(), path}) {
      parts.add(Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
    }
    parts.add(Integer.toString(layout.configText().hashCode()));
    parts.add(Integer.toString(layout.moduleFiles().size()));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

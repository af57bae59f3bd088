package oomlab.controller.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * The modules of one kernel as files ({@code .ko}, or {@code .ko.xz} on newer Debian kernels)
 * below a directory, plus the names listed in its {@code modules.builtin}.
 */
public final class KernelModules {
  private final Map<String, Path> files = new HashMap<>();
  private final Set<String> builtin = new HashSet<>();
  private final Map<String, ModInfo> infos = new HashMap<>();

  private KernelModules() {}

  /** The modules of {@code files} (name to file) and the names built in. */
  public static KernelModules of(Map<String, Path> files, Set<String> builtin) {
    KernelModules m = new KernelModules();
    m.files.putAll(files);
    m.builtin.addAll(builtin);
    return m;
  }

  /** Indexes {@code dir} recursively; {@code builtinList} may be null when the kernel has none. */
  public static KernelModules scan(Path dir, Path builtinList) throws IOException {
    KernelModules m = new KernelModules();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile).forEach(p -> {
        String n = p.getFileName().toString();
        if (n.endsWith(".ko") || n.endsWith(".ko.xz")) {
          m.files.put(ModuleClosure.normalize(n.substring(0, n.indexOf(".ko"))), p);
        }
      });
    }
    if (builtinList != null && Files.isRegularFile(builtinList)) {
      for (String line : Files.readAllLines(builtinList)) {
        String n = Path.of(line.strip()).getFileName().toString();
        if (n.endsWith(".ko")) {
          m.builtin.add(ModuleClosure.normalize(n.substring(0, n.length() - 3)));
        }
      }
    }
    return m;
  }

  /** The modules {@code roots} need, dependencies first, built-in ones left out. */
  public List<String> loadOrder(List<String> roots) {
    return ModuleClosure.loadOrder(roots, n -> info(n).depends(), files::containsKey, builtin::contains);
  }

  /** {@link #loadOrder} in levels that load in parallel ({@link ModuleClosure#levels}). */
  public List<List<String>> loadLevels(List<String> roots) {
    return ModuleClosure.levels(loadOrder(roots), n -> info(n).depends());
  }

  public boolean isBuiltin(String name) {
    return builtin.contains(ModuleClosure.normalize(name));
  }

  public ModInfo info(String name) {
    return infos.computeIfAbsent(name, n -> ModInfo.parse(bytes(n)));
  }

  /** The module's ELF bytes, decompressed when the file is {@code .ko.xz}. */
  public byte[] bytes(String name) {
    Path p = files.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no module " + name);
    }
    try {
      return p.toString().endsWith(".xz") ? unxz(p) : Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(p + ": " + e.getMessage(), e);
    }
  }

  static byte[] unxz(Path p) throws IOException {
    try (InputStream in = new XZInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }
}

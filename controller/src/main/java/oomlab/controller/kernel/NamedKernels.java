package oomlab.controller.kernel;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kernels given a name by {@code oomlab kernels add NAME PATH} ({@code kernels/named.properties}
 * in the cache: {@code NAME.path}, {@code NAME.modules}, {@code NAME.kconfig}), so that a matrix
 * can name them beside the Debian lines ({@code --kernels 6.1,mypatch}).
 */
public final class NamedKernels {
  static final String FILE = "named.properties";
  private static final String NAME = "[A-Za-z][A-Za-z0-9_.+-]{0,63}";

  private final Path file;

  public NamedKernels(KernelCache cache) {
    this.file = cache.root().resolve(FILE);
  }

  /** Why {@code name} cannot name a kernel, or empty. */
  public static Optional<String> badName(String name) {
    if (!name.matches(NAME)) {
      return Optional.of("kernel name " + name + ": letters, digits and _.+- only, starting with a letter, at most 64");
    }
    if (KernelSpec.of(name).isPresent()) {
      return Optional.of("kernel name " + name + " is a Debian kernel line");
    }
    return Optional.empty();
  }

  public Optional<PathKernel> find(String name) throws IOException {
    return Optional.ofNullable(all().get(name));
  }

  public Map<String, PathKernel> all() throws IOException {
    Properties p = load();
    Map<String, PathKernel> out = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.endsWith(".path")) {
        String name = key.substring(0, key.length() - ".path".length());
        out.put(name, new PathKernel(Path.of(p.getProperty(key)), path(p.getProperty(name + ".modules")),
            path(p.getProperty(name + ".kconfig"))));
      }
    }
    return out;
  }

  /** Adds or replaces {@code name}; concurrent changes are serialized by a lock file. */
  public void put(String name, PathKernel kernel) throws IOException {
    update(p -> {
      p.setProperty(name + ".path", kernel.path().toString());
      set(p, name + ".modules", kernel.modules());
      set(p, name + ".kconfig", kernel.kconfig());
    });
  }

  /** Forgets {@code name}; returns whether it was there. */
  public boolean remove(String name) throws IOException {
    boolean[] had = {false};
    update(p -> {
      had[0] = p.remove(name + ".path") != null;
      p.remove(name + ".modules");
      p.remove(name + ".kconfig");
    });
    return had[0];
  }

  private void update(java.util.function.Consumer<Properties> change) throws IOException {
    Files.createDirectories(file.getParent());
    try (FileChannel ch = FileChannel.open(file.resolveSibling(FILE + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Properties p = load();
      change.accept(p);
      Path tmp = file.resolveSibling(FILE + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp)) {
        p.store(w, "kernels named by oomlab kernels add");
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void set(Properties p, String key, Path value) {
    if (value == null) {
      p.remove(key);
    } else {
      p.setProperty(key, value.toString());
    }
  }

  private static Path path(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }

  private Properties load() throws IOException {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
    }
    return p;
  }
}

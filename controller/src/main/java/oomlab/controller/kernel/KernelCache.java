package oomlab.controller.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ~/.cache/oomlab/kernels}: one directory per kernel line ({@code 6.1/}), plus the private
 * apt state per suite ({@code apt/bookworm/}). {@code OOMLAB_CACHE} moves the whole cache.
 */
public final class KernelCache {
  private final Path root;

  public KernelCache(Path root) {
    this.root = root;
  }

  public static KernelCache standard() {
    String override = System.getenv("OOMLAB_CACHE");
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = override != null && !override.isBlank() ? Path.of(override)
        : (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("oomlab");
    return new KernelCache(base.resolve("kernels"));
  }

  public Path root() {
    return root;
  }

  public Optional<CachedKernel> find(String version) {
    Path dir = root.resolve(version);
    return Files.isRegularFile(dir.resolve(CachedKernel.PROPERTIES)) ? Optional.of(CachedKernel.read(dir)) : Optional.empty();
  }

  public List<CachedKernel> list() throws IOException {
    List<CachedKernel> out = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path d : dirs.toList()) {
          if (Files.isRegularFile(d.resolve(CachedKernel.PROPERTIES))) {
            out.add(CachedKernel.read(d));
          }
        }
      }
    }
    out.sort((a, b) -> KernelPackageResolver.compareVersions(a.version(), b.version()));
    return out;
  }

  /**
   * The cached kernel, fetched first when missing or when it lacks modules the guest now loads
   * (the module list grew since it was fetched); concurrent callers fetch once (file lock).
   */
  public CachedKernel ensure(String version, KernelFetcher fetcher) throws IOException {
    Optional<CachedKernel> cached = find(version).filter(k -> k.hasModulesFor(fetcher.moduleRoots()));
    if (cached.isPresent()) {
      return cached.get();
    }
    Files.createDirectories(root);
    try (FileChannel ch = FileChannel.open(root.resolve(version + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      cached = find(version).filter(k -> k.hasModulesFor(fetcher.moduleRoots()));
      return cached.isPresent() ? cached.get() : fetcher.fetch(version, this);
    }
  }
}

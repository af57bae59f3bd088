package oomlab.controller.kernel;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * One fetched kernel in the cache: {@code vmlinuz}, the uncompressed {@code vmlinux} when it could
 * be extracted, {@code config}, the modules the guest needs ({@code modules/*.ko}, decompressed)
 * and {@code kernel.properties} saying which Debian build it is.
 */
public record CachedKernel(Path dir, String version, String release, String packageVersion, String packages, List<String> moduleRoots) {

  static final String PROPERTIES = "kernel.properties";

  static CachedKernel read(Path dir) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES))) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CachedKernel(dir, p.getProperty("version"), p.getProperty("release"), p.getProperty("packageVersion"),
        p.getProperty("packages"), Arrays.stream(p.getProperty("moduleRoots", "").split(",")).filter(m -> !m.isBlank()).toList());
  }

  void write() throws IOException {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("release", release);
    p.setProperty("packageVersion", packageVersion);
    p.setProperty("packages", packages);
    p.setProperty("moduleRoots", String.join(",", moduleRoots));
    try (var w = Files.newBufferedWriter(dir.resolve(PROPERTIES))) {
      p.store(w, "fetched by oomlab kernels fetch");
    }
  }

  /** Whether the cache holds every module {@code roots} need (it holds the closure of the roots it was fetched for). */
  public boolean hasModulesFor(List<String> roots) {
    return moduleRoots.containsAll(roots);
  }

  public Path vmlinuz() {
    return dir.resolve("vmlinuz");
  }

  /** What QEMU's -kernel gets: the PVH-bootable vmlinux when there is one (much faster under TCG). */
  public Path bootImage() {
    Path vmlinux = dir.resolve("vmlinux");
    return Files.exists(vmlinux) ? vmlinux : vmlinuz();
  }

  public Path modulesDir() {
    return dir.resolve("modules");
  }

  public KernelModules modules() throws IOException {
    return KernelModules.scan(modulesDir(), modulesDir().resolve("modules.builtin"));
  }

  public KernelConfig config() throws IOException {
    return KernelConfig.parse(Files.readString(dir.resolve("config")));
  }
}

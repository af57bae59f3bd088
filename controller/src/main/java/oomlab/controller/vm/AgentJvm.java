package oomlab.controller.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The java command line the guest starts the agent with: this very JDK and class path (the guest
 * sees the host root), tuned for a JVM start under TCG, where the emulated CPU makes every
 * compiled method and every loaded class expensive: C1 only, the serial collector (no GC threads
 * to start), no perf-data file, and an AOT cache (JDK 25, JEP 483/514) built once on the host by
 * a training run, so the guest maps the agent's classes loaded and linked instead of parsing,
 * verifying and linking them (on the host it cuts the training workload's CPU time by a third),
 * mapped at the address it was built for ({@code ArchiveRelocationMode=0}; the default 1 maps it
 * elsewhere and patches every pointer in it, which cost 1.5 s of the guest JVM's 3.5 s start).
 * The cache is valid only for the same JDK, options and class path: a mismatch makes the JVM
 * run without it, never fail.
 */
public final class AgentJvm {
  static final List<String> OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
      "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
      "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

  static final int KEPT_CACHES = 4;

  private AgentJvm() {}

  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** {@code java OPTIONS [-XX:AOTCache=..] properties -cp CP mainClass}, to be followed by the main's arguments. */
  public static List<String> command(Path aotCache, List<String> properties, String mainClass) {
    List<String> cmd = new ArrayList<>(List.of(java().toString()));
    cmd.addAll(OPTIONS);
    cmd.addAll(properties);
    if (aotCache != null) {
      cmd.add("-XX:AOTCache=" + aotCache);
    }
    cmd.addAll(List.of("-cp", classPath(), mainClass));
    return cmd;
  }

  /**
   * The AOT cache for this JDK and class path under {@code cacheDir}, created on first use by a
   * training run on the host ({@link AotTraining}); null when it cannot be made (the guest then
   * starts without it, only slower).
   *
   * @param suite a scenario directory the training loads, or null
   */
  public static Path aotCache(Path cacheDir, Path suite) {
    try {
      Path cache = cacheDir.resolve("agent-" + key() + ".aot");
      if (Files.isRegularFile(cache)) {
        return cache;
      }
      Files.createDirectories(cacheDir);
      Path tmp = cacheDir.resolve("agent-" + key() + "-" + ProcessHandle.current().pid() + ".aot.tmp");
      List<String> cmd = new ArrayList<>(List.of(java().toString()));
      cmd.addAll(OPTIONS);
      cmd.addAll(List.of("-XX:AOTCacheOutput=" + tmp, "-cp", classPath(), AotTraining.class.getName()));
      if (suite != null) {
        cmd.add(suite.toString());
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // A few seconds on an idle machine; minutes while other builds load it.
      boolean ended = p.waitFor(300, TimeUnit.SECONDS);
      if (!ended || p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
        p.destroyForcibly().waitFor();
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(Path.of(tmp + ".config")); // the training's own temporary file
        return null;
      }
      Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      pruneOldCaches(cacheDir, cache);
      return cache;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Every build makes a new cache (about 20 MB): keep the few newest, for a few checkouts side by side. */
  static void pruneOldCaches(Path cacheDir, Path keep) throws IOException {
    try (var files = Files.list(cacheDir)) {
      List<Path> caches = files.filter(p -> p.getFileName().toString().matches("agent-.*\\.aot"))
          .filter(p -> !p.equals(keep))
          .sorted(java.util.Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
      for (Path old : caches.subList(Math.min(KEPT_CACHES - 1, caches.size()), caches.size())) {
        Files.deleteIfExists(old);
      }
    }
  }

  /** The cache is valid only for this JDK build and these exact class path files. */
  static String key() throws IOException {
    StringBuilder s = new StringBuilder(System.getProperty("java.home")).append(System.getProperty("java.vm.version"));
    for (String entry : classPath().split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      s.append('|').append(entry);
      if (Files.isRegularFile(p)) {
        s.append(Files.size(p)).append('@').append(Files.getLastModifiedTime(p).toMillis());
      }
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

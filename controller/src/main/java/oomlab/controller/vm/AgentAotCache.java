package oomlab.controller.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent's AOT cache (JDK 25, JEP 483/514), trained by a real guest run. The JVM maps the
 * classes of the cache loaded and linked, with the lambdas and the LambdaForm holders the training
 * used, instead of parsing, verifying and linking them from the jars in the emulated CPU.
 *
 * <p>A cache is good for one JDK build, one class path (these exact files) and one cgroup mode
 * (a v2 run loads v2 classes). The first guest of such a combination runs the agent with
 * {@code -XX:AOTMode=record}, writing its training to the results share; the host then creates
 * the cache from it (a few seconds) and later guests map it. Training in the guest, on the
 * scenarios the user runs, holds what a run really loads: measured in one 6.1 v2 boot against a
 * cache trained on the host by a synthetic run, 504 classes instead of 1438 still came from the
 * jars, and the hog scenario's whole run took 14.0 s instead of 19.9 s.
 *
 * <p>A mismatched or damaged cache makes the JVM run without it, never fail.
 */
public final class AgentAotCache {
  /** The training a recording guest leaves in its results directory (removed once used). */
  static final String TRAINING = ".oomlab-agent.aotconf";
  static final int KEPT_CACHES = 4;

  private final Path dir;
  private final Path file;
  private final boolean cacheable;

  private AgentAotCache(Path dir, Path file, boolean cacheable) {
    this.dir = dir;
    this.file = file;
    this.cacheable = cacheable;
  }

  /** The cache for this JDK, this class path and {@code mode}, under {@code dir}. */
  public static AgentAotCache in(Path dir, CgroupMode mode) throws IOException {
    return in(dir, mode, AgentJvm.classPath());
  }

  static AgentAotCache in(Path dir, CgroupMode mode, String classPath) throws IOException {
    return new AgentAotCache(dir, dir.resolve("agent-" + key(classPath) + "-" + mode.label() + ".aot"), cacheable(classPath));
  }

  /**
   * Whether the JVM can hold this class path in a cache: jars only. A class directory (a build's
   * target/classes, or one named by a jar's Class-Path, as in surefire's booter jar) makes the
   * recording JVM fail at its exit, status 1, which would read as "an expect failed".
   */
  static boolean cacheable(String classPath) {
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.isRegularFile(p)) {
        return false;
      }
      try (var jar = new java.util.jar.JarFile(p.toFile())) {
        var manifest = jar.getManifest();
        if (manifest != null && manifest.getMainAttributes().getValue("Class-Path") != null) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  public Path file() {
    return file;
  }

  /** Whether a trained cache exists; otherwise the next guest records a training. */
  public boolean trained() {
    return Files.isRegularFile(file);
  }

  /** Whether the next guest records a training (no cache yet, and a class path a cache can hold). */
  public boolean trainsNext() {
    return cacheable && !trained();
  }

  /**
   * The AOT options of a guest whose results share is {@code resultsDir}: map the cache, record a
   * training into the share, or none for a class path no cache can hold.
   */
  public List<String> guestOptions(Path resultsDir) {
    if (!cacheable) return List.of();
    return trained()
        ? List.of("-XX:AOTCache=" + file)
        // Quiet: at its exit the recording JVM lists every class it leaves out (picocli's Java 5
        // classes, proxies), hundreds of lines on the console the user watches.
        : List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + resultsDir.resolve(TRAINING), "-Xlog:aot=off", "-Xlog:cds=off");
  }

  /**
   * After a guest: turns the training it recorded (if any) into the cache, with the same JVM
   * options and class path the guests use, and removes the training from the results directory.
   *
   * @return one line saying what happened, or empty when the guest recorded nothing
   */
  public Optional<String> createFromTraining(Path resultsDir) {
    return createFromTraining(resultsDir, AgentJvm.classPath());
  }

  Optional<String> createFromTraining(Path resultsDir, String classPath) {
    Path training = resultsDir.resolve(TRAINING);
    if (!Files.isRegularFile(training)) {
      return Optional.empty();
    }
    // Per process and thread: a matrix's parallel cells may create the same mode's cache at once.
    Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId() + ".tmp");
    try {
      Files.createDirectories(dir);
      List<String> cmd = new ArrayList<>(List.of(AgentJvm.java().toString()));
      cmd.addAll(AgentJvm.OPTIONS);
      cmd.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + training, "-XX:AOTCache=" + tmp));
      if (!classPath.isEmpty()) {
        cmd.addAll(List.of("-cp", classPath));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      // A few seconds on an idle machine; minutes while other builds load it.
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
        p.destroyForcibly().waitFor();
        return Optional.of("the agent's AOT cache could not be created from the guest's training: "
            + lastLine(output) + " (the next guest trains again)");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      pruneOldCaches(dir, file);
      return Optional.of("the agent's AOT cache was trained by this guest; later guests start from it: " + file);
    } catch (IOException e) {
      return Optional.of("the agent's AOT cache could not be created: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("the agent's AOT cache was not created: interrupted");
    } finally {
      try {
        Files.deleteIfExists(training);
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // a leftover in a results directory or a temporary file in the cache: harmless
      }
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no output" : lines[lines.length - 1];
  }

  /** Every build makes new caches (about 30 MB each): keep the few newest, for a few checkouts side by side. */
  static void pruneOldCaches(Path cacheDir, Path keep) throws IOException {
    try (var files = Files.list(cacheDir)) {
      List<Path> caches = files.filter(p -> p.getFileName().toString().matches("agent-.*\\.aot"))
          .filter(p -> !p.equals(keep))
          .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
      for (Path old : caches.subList(Math.min(KEPT_CACHES - 1, caches.size()), caches.size())) {
        Files.deleteIfExists(old);
      }
    }
    // Left by the host-side training of earlier versions, whose JVM died before removing them.
    try (var files = Files.list(cacheDir)) {
      for (Path stale : files.filter(p -> p.getFileName().toString().matches("agent-.*\\.aot\\.tmp\\.config")).toList()) {
        Files.deleteIfExists(stale);
      }
    }
  }

  /** The cache is valid only for this JDK build and these exact class path files. */
  static String key(String classPath) throws IOException {
    StringBuilder s = new StringBuilder(System.getProperty("java.home")).append(System.getProperty("java.vm.version"));
    s.append('|').append(String.join(" ", AgentJvm.OPTIONS));
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
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

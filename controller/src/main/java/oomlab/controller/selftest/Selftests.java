package oomlab.controller.selftest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.ExternalCommand;
import oomlab.controller.kernel.KernelCache;
import oomlab.controller.kernel.KernelDevPackages;
import oomlab.controller.kernel.KernelSpec;
import oomlab.controller.kernel.NamedKernels;
import oomlab.controller.kernel.PathKernel;
import oomlab.controller.vm.CgroupMode;
import oomlab.controller.vm.GuestException;
import oomlab.controller.vm.GuestRequest;
import oomlab.controller.vm.GuestResult;
import oomlab.controller.vm.Guests;
import oomlab.controller.vm.ScratchDisk;

/**
 * {@code oomlab selftests KERNEL}: the kernel's own cgroup selftests ({@code
 * tools/testing/selftests/cgroup}: test_memcontrol, test_kmem, test_core) built with the host's
 * gcc from that kernel's source (the line's {@code linux-source} package, or the build tree given
 * by path) and run in the same guest oomlab's scenarios run in, in a root on an ext4 scratch disk
 * ({@link ScratchDisk}, {@link #SCRIPT}) and with stdout line-buffered ({@code stdbuf -oL}: the
 * tests fork with output still buffered, which a pipe would print twice). Each program's KTAP output is
 * passed through live and kept in {@code OUT/PROGRAM.ktap}; a summary line per program follows.
 */
public final class Selftests {
  public static final List<String> PROGRAMS = List.of("test_memcontrol", "test_kmem", "test_core");
  static final String SELFTESTS_DIR = "tools/testing/selftests/cgroup";
  /** Sparse: only what the tests write takes host disk space (test_memcontrol writes some 200 MiB of page cache). */
  static final long DISK_BYTES = 1L << 30;

  /**
   * {@code sh -c SCRIPT SCRATCH RESULTS PROGRAM...}, in the guest's chroot of the host root: a new
   * root on the ext4 scratch disk with the host's /usr and /etc bound in (and the merged-/usr
   * links), /proc, /sys (with the cgroup2 mount below it) and /dev, the results directory at its
   * own path and the programs copied to /selftests; each program runs there with an ext4 working
   * directory, its output to the console and to RESULTS/NAME.ktap, its exit status as a last
   * diagnostic line. The root matters: test_kmem_basic fills the dcache with negative dentries by
   * stat()ing names below "/", which 9p (the guest's usual root) does not keep
   * (v9fs_cached_dentry_delete drops negative dentries), a disk file system does.
   */
  static final String SCRIPT = String.join("\n",
      "set -e; S=$0; r=$1; shift; N=$S/root",
      "mkdir -p $N/proc $N/sys $N/dev $N/selftests $N/work $N/tmp $N$r; chmod 1777 $N/work $N/tmp",
      "for d in bin sbin lib lib32 lib64 libx32; do [ -L /$d ] && ln -sfn \"$(readlink /$d)\" $N/$d; done",
      "for d in usr etc bin sbin lib lib64; do [ -d /$d ] && [ ! -L /$d ] && mkdir -p $N/$d && mount --bind /$d $N/$d; done",
      "mount --bind \"$r\" \"$N$r\"; mount -t proc proc $N/proc; mount --rbind /sys $N/sys; mount --rbind /dev $N/dev",
      "for t; do cp \"$t\" $N/selftests/; done",
      "set +e",
      "for t; do n=${t##*/}; { chroot $N /bin/sh -c 'cd /work && exec stdbuf -oL -eL /selftests/'$n 2>&1;"
          + " echo \"# oomlab: $n exited $?\"; } | tee \"$r/$n.ktap\"; done");

  private Selftests() {}

  /** What the run found: the KTAP results per program, and how the guest ended. */
  public record Outcome(Map<String, KtapResults> programs, GuestResult guest) {
    public boolean anyFailed() {
      return programs.values().stream().anyMatch(k -> k.count(KtapResults.Status.FAIL) > 0)
          || programs.values().stream().anyMatch(k -> k.results().isEmpty());
    }
  }

  /** Exit codes: 0 every test passed or was skipped, 1 a test failed, 2 bad input, 3 no source or build failed, 4/5 guest panic/timeout. */
  public static int run(String kernel, CgroupMode mode, List<String> programs, Path out, Duration timeout, PrintWriter stdout,
      PrintWriter stderr) {
    try {
      for (String p : programs) {
        if (!PROGRAMS.contains(p)) {
          throw new GuestException(2, "--programs: unknown program " + p + " (known: " + String.join(", ", PROGRAMS) + ")");
        }
      }
      CachedKernel k = Guests.kernel(kernel, null, null, ScratchDisk.MODULES, System.err);
      Guests.checkCgroup(k, mode);
      Path source = source(kernel, System.err);
      Path bin = Files.createDirectories(binDir(kernel, out));
      List<Path> built = build(source, bin, programs, System.err);
      Outcome o = runBuilt(k, mode, built, out, timeout, line -> {
        stdout.println(line);
        stdout.flush();
      });
      for (Map.Entry<String, KtapResults> e : o.programs().entrySet()) {
        stdout.println("oomlab selftests: " + e.getKey() + " on " + k.release() + " " + mode.label() + ": "
            + (e.getValue().results().isEmpty() ? "no results (see " + out.resolve(e.getKey() + ".ktap") + ")" : e.getValue().summary()));
      }
      stdout.flush();
      if (o.guest().end() != GuestResult.End.EXITED) {
        stderr.println("oomlab selftests: " + o.guest().describe());
        return o.guest().exitCode();
      }
      return o.anyFailed() ? 1 : 0;
    } catch (GuestException e) {
      stderr.println("oomlab selftests: " + e.getMessage());
      return e.exitCode();
    } catch (IOException | RuntimeException e) {
      stderr.println("oomlab selftests: " + kernel + ": " + e.getMessage());
      return 3;
    }
  }

  /**
   * Boots {@code kernel} with a scratch disk and runs each program there; {@code output} gets
   * the programs' lines live.
   */
  public static Outcome runBuilt(CachedKernel kernel, CgroupMode mode, List<Path> programs, Path out, Duration timeout,
      java.util.function.Consumer<String> output) throws IOException {
    Path results = Files.createDirectories(out.toAbsolutePath().normalize());
    Path diskDir = Files.createTempDirectory("oomlab-scratch-");
    try {
      Path disk = ScratchDisk.create(diskDir.resolve("scratch.img"), DISK_BYTES);
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, ScratchDisk.MOUNT_POINT, results.toString()));
      programs.forEach(p -> command.add(p.toAbsolutePath().toString()));
      GuestRequest request = GuestRequest.of(kernel, mode, command, results, timeout).withScratchDisk(disk);
      GuestResult r = Guests.run(request, System.err, 0, output);
      Map<String, KtapResults> found = new LinkedHashMap<>();
      for (Path p : programs) {
        String name = p.getFileName().toString();
        Path ktap = results.resolve(name + ".ktap");
        found.put(name, KtapResults.parse(Files.isRegularFile(ktap) ? Files.readString(ktap) : ""));
      }
      return new Outcome(found, r);
    } finally {
      oomlab.controller.kernel.KernelFetcher.deleteTree(diskDir);
    }
  }

  /** Builds {@code programs} from {@code source}'s cgroup selftests into {@code bin} (make skips what is up to date). */
  public static List<Path> build(Path source, Path bin, List<String> programs, PrintStream log) throws IOException {
    Path dir = source.resolve(SELFTESTS_DIR);
    if (!Files.isDirectory(dir)) {
      throw new IOException(source + ": no " + SELFTESTS_DIR);
    }
    List<String> cmd = new ArrayList<>(List.of("make", "-s", "-C", dir.toString(), "OUTPUT=" + bin));
    programs.forEach(p -> cmd.add(bin.resolve(p).toString()));
    log.println("oomlab: building " + String.join(", ", programs) + " from " + dir);
    ExternalCommand.run(dir, cmd);
    return programs.stream().map(bin::resolve).toList();
  }

  /**
   * The kernel source holding the selftests: a Debian line's linux-source (fetched and cached),
   * or a build tree given by path or name (its own tree, or the tree its {@code source} link names
   * for an {@code O=} build).
   */
  static Path source(String kernel, PrintStream log) throws IOException {
    KernelCache cache = KernelCache.standard();
    if (KernelSpec.of(kernel).isPresent()) {
      return new KernelDevPackages(cache, log).source(kernel);
    }
    Optional<PathKernel> named = new NamedKernels(cache).find(kernel);
    Path path = named.map(PathKernel::path).orElse(Path.of(kernel).toAbsolutePath().normalize());
    for (Path top : List.of(path, path.resolve("source"))) {
      if (Files.isDirectory(top.resolve(SELFTESTS_DIR))) {
        return top.toRealPath();
      }
    }
    throw new GuestException(3, kernel + ": no kernel source with " + SELFTESTS_DIR + " (give a build tree, or a Debian line)");
  }

  /** Where the programs are built: per Debian line in the cache (built once), else in the results directory. */
  static Path binDir(String kernel, Path out) {
    return KernelSpec.of(kernel).isPresent()
        ? KernelCache.standard().root().resolve("dev-" + kernel).resolve("selftests-bin")
        : out.toAbsolutePath().resolve("selftests-bin");
  }
}

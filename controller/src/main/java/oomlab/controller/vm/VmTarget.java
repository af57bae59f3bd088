package oomlab.controller.vm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.model.scenario.Scenario;

/**
 * {@code oomlab run ... --target vm:KERNEL}: boots the kernel once and runs the same {@code oomlab
 * run} inside the guest with {@code --target local}, on the whole scenario list, writing to the
 * results directory shared with the guest. The guest's exit status is the run's; a panic is 4,
 * a guest that never finishes 5.
 */
public final class VmTarget {
  /** Boot, JVM start and slack on top of the scenarios' own timeouts. */
  static final Duration BOOT_ALLOWANCE = Duration.ofSeconds(300);
  static final String GUEST_TMP = "/dev/shm";
  static final Duration PER_SCENARIO_SLACK = Duration.ofSeconds(45);

  private VmTarget() {}

  /** The kernel line of {@code vm:6.1}, or empty for any other target. */
  public static Optional<String> kernelOf(String target) {
    return target.startsWith("vm:") ? Optional.of(target.substring(3)) : Optional.empty();
  }

  /**
   * @param originalArgs the host's {@code run} arguments; {@code --target}, {@code --cgroup},
   *     {@code --out} and {@code --dry-run} are replaced, everything else reaches the guest as given
   */
  public static int run(String target, List<String> originalArgs, List<Scenario> scenarios, String cgroup, Path out,
      int repeat, boolean dryRun, PrintWriter stdout, PrintWriter stderr) {
    try {
      CgroupMode mode = cgroup == null ? CgroupMode.V2 : CgroupMode.parse(cgroup);
      CachedKernel kernel = Guests.kernel(kernelOf(target).orElseThrow(), System.err);
      Guests.checkCgroup(kernel, mode);
      for (Path p : inputPaths(originalArgs)) {
        if (GuestPaths.hiddenInGuest(p)) {
          throw new GuestException(2, p + ": below /dev, /proc or /sys, which the guest mounts anew; put scenarios elsewhere");
        }
      }
      Path results = out.toAbsolutePath().normalize();
      // The guest's /tmp shows the host's (an overlay), whose pid-named leftovers mean nothing in
      // the guest's pid space: the agent's own temporary files go to the guest-private /dev/shm.
      List<String> command = new ArrayList<>(List.of("/usr/bin/env", "OOMLAB_TARGET=" + target, "TMPDIR=" + GUEST_TMP));
      Path aot = AgentJvm.aotCache(KernelCache.standard().root().resolveSibling("jvm"), firstDirectory(originalArgs));
      command.addAll(AgentJvm.command(aot, List.of("-Djava.io.tmpdir=" + GUEST_TMP), GuestMain.class.getName()));
      command.addAll(guestArgs(originalArgs, mode, results));
      GuestRequest request = GuestRequest.of(kernel, mode, command, results, timeout(scenarios, repeat));
      if (dryRun) {
        PreparedGuest guest = PreparedGuest.prepare(request);
        stdout.println(guest.commandLine());
        stdout.flush();
        return 0;
      }
      GuestResult result = Guests.run(request, System.err, scenarios.size() * repeat, line -> {
        stdout.println(line);
        stdout.flush();
      });
      if (result.end() != GuestResult.End.EXITED) {
        stderr.println("oomlab run: " + result.describe());
      }
      return result.exitCode();
    } catch (GuestException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return e.exitCode();
    } catch (IllegalArgumentException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      stderr.println("oomlab run: --target " + target + ": " + e.getMessage());
      return 3;
    }
  }

  /** The guest's {@code run} arguments: the host's, with the target, hierarchy and results directory of this boot. */
  static List<String> guestArgs(List<String> originalArgs, CgroupMode mode, Path results) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(withoutOptions(originalArgs.subList(originalArgs.indexOf("run") + 1, originalArgs.size()),
        List.of("--target", "--cgroup", "--out"), List.of("--dry-run")));
    args.addAll(List.of("--target", "local", "--cgroup", mode.label(), "--out", results.toString()));
    return args;
  }

  /** Drops {@code --opt VALUE}, {@code --opt=VALUE} for options with a value, and bare flags. */
  static List<String> withoutOptions(List<String> args, List<String> withValue, List<String> flags) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (withValue.contains(a)) {
        i++;
      } else if (flags.contains(a) || withValue.stream().anyMatch(o -> a.startsWith(o + "="))) {
        continue;
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private static List<Path> inputPaths(List<String> originalArgs) {
    return originalArgs.stream().filter(a -> !a.startsWith("-") && (a.endsWith(".yaml") || a.contains("/")))
        .map(a -> Path.of(a).toAbsolutePath().normalize()).toList();
  }

  /** The suite the AOT training loads: the first input's directory. */
  private static Path firstDirectory(List<String> originalArgs) {
    return inputPaths(originalArgs).stream().map(p -> java.nio.file.Files.isDirectory(p) ? p : p.getParent())
        .filter(java.nio.file.Files::isDirectory).findFirst().orElse(null);
  }

  static Duration timeout(List<Scenario> scenarios, int repeat) {
    Duration each = scenarios.stream().map(s -> s.timeout().plus(PER_SCENARIO_SLACK)).reduce(Duration.ZERO, Duration::plus);
    return BOOT_ALLOWANCE.plus(each.multipliedBy(Math.max(1, repeat)));
  }
}

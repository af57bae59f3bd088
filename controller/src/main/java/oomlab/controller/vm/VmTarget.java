package oomlab.controller.vm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oomlab.cli.RunOptions;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.KernelCache;
import oomlab.model.scenario.Scenario;

/**
 * {@code oomlab run ... --target vm:KERNEL}: boots the kernel once and runs the same {@code oomlab
 * run} inside the guest with {@code --target local}, on the whole scenario list, writing to the
 * results directory shared with the guest. The guest agent gets its options in a file there
 * ({@link #OPTIONS_FILE}, read by {@code GuestMain run-options FILE}), not as a command line. The
 * guest's exit status is the run's; a panic is 4, a guest that never finishes 5.
 */
public final class VmTarget {
  /** Boot, JVM start and slack on top of the scenarios' own timeouts. */
  static final Duration BOOT_ALLOWANCE = Duration.ofSeconds(300);
  static final String GUEST_TMP = "/dev/shm";
  /** The guest's options file, in the results directory (see {@link RunOptions}). */
  static final String OPTIONS_FILE = "guest-run.options";
  static final Duration PER_SCENARIO_SLACK = Duration.ofSeconds(45);

  private VmTarget() {}

  /** The kernel of {@code vm:6.1} (a line, a name or a path), or empty for any other target. */
  public static Optional<String> kernelOf(String target) {
    return target.startsWith("vm:") ? Optional.of(target.substring(3)) : Optional.empty();
  }

  /**
   * @param options the host's {@code run} options; the guest gets them with {@code --target local},
   *     the boot's hierarchy, {@code results} and no {@code --dry-run}, in an options file
   * @param out the results directory
   */
  public static int run(RunOptions options, KernelFiles files, Path out, List<Scenario> scenarios, PrintWriter stdout, PrintWriter stderr) {
    String target = options.target();
    try {
      CgroupMode mode = options.cgroup() == null ? CgroupMode.V2 : CgroupMode.parse(options.cgroup());
      CachedKernel kernel = Guests.kernel(kernelOf(target).orElseThrow(), files.modules(), files.kconfig(), System.err);
      Guests.checkCgroup(kernel, mode);
      RunOptions absolute = options.absoluteInputs();
      for (Path p : absolute.inputs()) {
        if (GuestPaths.hiddenInGuest(p)) {
          throw new GuestException(2, p + ": below /dev, /proc or /sys, which the guest mounts anew; put scenarios elsewhere");
        }
      }
      Path results = out.toAbsolutePath().normalize();
      // The guest reads its options from the shared results directory, with no command-line parser.
      Files.createDirectories(results);
      Path optionsFile = results.resolve(OPTIONS_FILE);
      guestOptions(options, mode, results).write(optionsFile);
      // The guest's /tmp shows the host's (an overlay), whose pid-named leftovers mean nothing in
      // the guest's pid space: the agent's own temporary files go to the guest-private /dev/shm.
      List<String> command = new ArrayList<>(List.of("/usr/bin/env", "OOMLAB_TARGET=" + target, "TMPDIR=" + GUEST_TMP));
      AgentAotCache aot = AgentAotCache.in(KernelCache.standard().root().resolveSibling("jvm"), mode);
      command.addAll(AgentJvm.command(aot.guestOptions(results), List.of("-Djava.io.tmpdir=" + GUEST_TMP), GuestMain.class.getName()));
      command.addAll(List.of(GuestMain.RUN_OPTIONS, optionsFile.toString()));
      GuestRequest request = GuestRequest.of(kernel, mode, command, results, timeout(scenarios, options.repeat()));
      if (options.dryRun()) {
        PreparedGuest guest = PreparedGuest.prepare(request);
        stdout.println(guest.commandLine());
        stdout.flush();
        return 0;
      }
      if (aot.trainsNext()) {
        System.err.println("oomlab: this guest's agent also records the training of its AOT cache (the first guest of this"
            + " build and cgroup mode): it starts slower, later guests start faster");
      }
      GuestResult result = Guests.run(request, System.err, scenarios.size() * options.repeat(), line -> {
        stdout.println(line);
        stdout.flush();
      });
      aot.createFromTraining(results).ifPresent(line -> System.err.println("oomlab: " + line));
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

  /** The guest's {@code run} options: the host's, local to the guest's kernel, on the boot's hierarchy and results directory. */
  static RunOptions guestOptions(RunOptions host, CgroupMode mode, Path results) {
    return host.absoluteInputs().retarget("local", mode.label(), results, false);
  }

  static Duration timeout(List<Scenario> scenarios, int repeat) {
    Duration each = scenarios.stream().map(s -> s.timeout().plus(PER_SCENARIO_SLACK)).reduce(Duration.ZERO, Duration::plus);
    return BOOT_ALLOWANCE.plus(each.multipliedBy(Math.max(1, repeat)));
  }
}

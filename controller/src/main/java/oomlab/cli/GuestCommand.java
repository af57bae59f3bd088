package oomlab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import oomlab.controller.vm.CgroupMode;
import oomlab.controller.vm.GuestException;
import oomlab.controller.vm.GuestRequest;
import oomlab.controller.vm.GuestResult;
import oomlab.controller.vm.Guests;
import oomlab.controller.vm.PreparedGuest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code oomlab guest KERNEL [--cgroup v1|v2] -- COMMAND...}: boots a Debian kernel and runs one
 * command in the chroot of the host root. For looking into a guest by hand; {@code run --target
 * vm:KERNEL} uses the same path for scenarios.
 */
@Command(name = "guest", mixinStandardHelpOptions = true,
    description = "Boot a cached Debian kernel under QEMU and run COMMAND in a chroot of the host root (results dir shared writable).",
    footer = {"", "Example:", "  oomlab guest 6.1 --cgroup v2 -- cat /sys/fs/cgroup/cgroup.controllers"})
public final class GuestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KERNEL", description = "kernel line (5.10, 6.1, 6.12, 7.2), a name from 'oomlab kernels add', or a path (build tree, image, .deb)")
  String kernel;

  @Parameters(index = "1..*", paramLabel = "COMMAND", description = "command and arguments (host paths)")
  List<String> command = List.of("/bin/true");

  @Option(names = "--modules", paramLabel = "ROOT", description = "With an image file as KERNEL: its INSTALL_MOD_PATH root.")
  Path modules;

  @Option(names = "--kconfig", paramLabel = "FILE", description = "With an image file as KERNEL: its .config.")
  Path kconfig;

  @Option(names = "--cgroup", defaultValue = "v2", description = "v1 or v2 (default ${DEFAULT-VALUE})")
  String cgroup;

  @Option(names = "--out", description = "results directory shared writable with the guest (default: a new directory under /tmp)")
  Path out;

  @Option(names = "--timeout", defaultValue = "300", description = "seconds before QEMU is killed (exit 5)")
  long timeoutSeconds;

  @Option(names = "--dry-run", description = "print the QEMU command line and keep its initramfs instead of booting")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    try {
      Path results = out != null ? out : java.nio.file.Files.createTempDirectory("oomlab-guest-out-");
      GuestRequest request = GuestRequest.of(Guests.kernel(kernel, modules, kconfig, System.err), CgroupMode.parse(cgroup), command,
          results, Duration.ofSeconds(timeoutSeconds));
      if (dryRun) {
        Guests.checkCgroup(request.kernel(), request.cgroup());
        spec.commandLine().getOut().println(PreparedGuest.prepare(request).commandLine());
        spec.commandLine().getOut().flush();
        return Oomlab.EXIT_OK;
      }
      var out = spec.commandLine().getOut();
      GuestResult result = Guests.run(request, System.err, 0, line -> {
        out.println(line);
        out.flush();
      });
      err.println("oomlab: " + result.describe() + "; results in " + results);
      return result.exitCode();
    } catch (GuestException e) {
      err.println("oomlab: " + e.getMessage());
      return e.exitCode();
    } catch (IllegalArgumentException e) {
      err.println("oomlab: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
  }
}

package oomlab.controller.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oomlab.controller.kernel.KernelConfig;

/**
 * A guest ready to boot: its initramfs and status file in a private directory, the console log in
 * the results directory, and the exact QEMU command line ({@code --dry-run} prints it).
 */
public record PreparedGuest(GuestRequest request, Path dir, Path console, Path status, List<String> argv) {

  public static PreparedGuest prepare(GuestRequest request) throws IOException {
    if (!Files.isRegularFile(request.kernel().bootImage())) {
      throw new GuestException(3, "kernel image missing: " + request.kernel().bootImage() + " (oomlab kernels fetch " + request.kernel().version() + ")");
    }
    Files.createDirectories(request.resultsDir());
    Path dir = Files.createTempDirectory("oomlab-guest-");
    Path initramfs = dir.resolve("initramfs.cpio");
    Initramfs.write(initramfs, request, StaticBusybox.read(StaticBusybox.DEFAULT));
    Path console = request.resultsDir().resolve("console.log");
    Path status = dir.resolve("status");
    long lpj = QemuCommand.lpj(HostCpu.mhz(), hz(request.kernel().config()));
    return new PreparedGuest(request, dir, console, status, QemuCommand.argv(request, initramfs, console, status, lpj));
  }

  private static int hz(KernelConfig config) {
    try {
      return Integer.parseInt(config.get("CONFIG_HZ"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Removes the initramfs and status file (the console log stays with the results). */
  public void delete() throws IOException {
    oomlab.controller.kernel.KernelFetcher.deleteTree(dir);
  }

  /** The command line as a shell would take it. */
  public String commandLine() {
    return RunConf.commandLine(argv);
  }
}

package oomlab.controller.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The agent's entry point in a guest: reports {@code ready <uptime>} on the status port as soon
 * as the JVM runs oomlab's code (the "boot to agent ready" time), then runs the CLI as
 * {@code oomlab.cli.Oomlab} would.
 */
public final class GuestMain {
  private GuestMain() {}

  public static void main(String[] args) {
    reportReady();
    System.exit(oomlab.cli.Oomlab.commandLine().execute(args));
  }

  private static void reportReady() {
    try (Stream<Path> ports = Files.list(Path.of("/sys/class/virtio-ports"))) {
      for (Path p : ports.toList()) {
        if (Files.readString(p.resolve("name")).strip().equals(QemuCommand.STATUS_PORT)) {
          String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
          Files.writeString(Path.of("/dev").resolve(p.getFileName()), "ready " + uptime + "\n");
        }
      }
    } catch (IOException e) {
      // No status port (not in an oomlab guest): nothing to report, the run goes on.
    }
  }
}

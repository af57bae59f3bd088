package oomlab.controller.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The guest side of the status port ({@code oomlab.status}, virtio-serial): the agent reports
 * {@code EVENT <uptime> [TEXT]} lines there, which the host reads live (see {@link GuestStatus}).
 * Outside an oomlab guest there is no such port and every report is a no-op.
 */
public final class GuestStatusPort {
  private static final Path PORTS = Path.of("/sys/class/virtio-ports");
  private static volatile Optional<Path> device;

  private GuestStatusPort() {}

  /** Reports {@code event} with the guest's uptime and an optional text (one line, no newline). */
  public static void report(String event, String text) {
    Optional<Path> port = device();
    if (port.isEmpty()) {
      return;
    }
    try {
      String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
      String line = event + " " + uptime + (text.isEmpty() ? "" : " " + text.replace('\n', ' ')) + "\n";
      Files.writeString(port.get(), line, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The host stopped listening (QEMU is going away): progress is best effort, the run goes on.
    }
  }

  private static Optional<Path> device() {
    Optional<Path> d = device;
    if (d == null) {
      d = find();
      device = d;
    }
    return d;
  }

  private static Optional<Path> find() {
    if (System.getenv("OOMLAB_GUEST") == null) {
      return Optional.empty();
    }
    try (Stream<Path> ports = Files.list(PORTS)) {
      for (Path p : ports.toList()) {
        if (Files.readString(p.resolve("name")).strip().equals(QemuCommand.STATUS_PORT)) {
          return Optional.of(Path.of("/dev").resolve(p.getFileName()));
        }
      }
    } catch (IOException e) {
      // no virtio-serial ports: not in an oomlab guest
    }
    return Optional.empty();
  }
}

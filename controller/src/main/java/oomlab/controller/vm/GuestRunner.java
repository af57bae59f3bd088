package oomlab.controller.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Boots a prepared guest in QEMU and follows it until it ends: status lines from the virtio-serial
 * port give the boot steps, the scenario under way and the command's exit status; the command's
 * output is passed on live from the console log as it grows (the log itself stays complete); a
 * QEMU that stops without an exit status is a kernel panic when the console shows one (panic=-1
 * and -no-reboot make a panicking guest stop QEMU at once); no exit status within the timeout
 * kills QEMU.
 */
public final class GuestRunner {
  private static final long POLL_MILLIS = 50;
  private static final long STOP_GRACE_MILLIS = 3_000;

  private final GuestProgress progress;
  private final int expectedResults;
  private final Consumer<String> output;

  /** @param expectedResults how many {@code outcome.json} files the command will write (0: unknown) */
  public GuestRunner(GuestProgress progress, int expectedResults) {
    this(progress, expectedResults, line -> { });
  }

  /**
   * @param output receives the command's output lines (stdout and stderr: both go to the guest's
   *     console) while the guest runs; kernel and init lines stay in console.log only
   */
  public GuestRunner(GuestProgress progress, int expectedResults, Consumer<String> output) {
    this.progress = progress;
    this.expectedResults = expectedResults;
    this.output = output;
  }

  public GuestResult run(PreparedGuest guest) throws IOException {
    BootTimeline timeline = new BootTimeline();
    Process qemu;
    try {
      qemu = new ProcessBuilder(guest.argv()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectErrorStream(true).redirectOutput(guest.dir().resolve("qemu.log").toFile()).start();
    } catch (IOException e) {
      throw new GuestException(3, QemuCommand.BINARY + " cannot start (" + e.getMessage() + "): install qemu-system-x86 (scripts/install-deps)");
    }
    Thread killer = new Thread(qemu::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killer);
    long started = System.nanoTime();
    progress.step("qemu", "");
    try {
      return follow(guest, qemu, started, timeline);
    } finally {
      qemu.destroyForcibly();
      Runtime.getRuntime().removeShutdownHook(killer);
      progress.close();
    }
  }

  private GuestResult follow(PreparedGuest guest, Process qemu, long started, BootTimeline timeline) throws IOException {
    FileLines status = new FileLines(guest.status());
    FileLines console = new FileLines(guest.console());
    long deadline = started + guest.request().timeout().toNanos();
    Integer exitStatus = null;
    String error = null;
    int results = 0;
    while (true) {
      long now = System.nanoTime();
      for (GuestStatus s : status.poll().stream().map(GuestStatus::parse).flatMap(Optional::stream).toList()) {
        timeline.mark(s.event(), (now - started) / 1_000_000, s.guestUptime());
        progress.step(s.event(), s.text());
        if (s.event().equals("exit")) {
          exitStatus = s.exitStatus();
        } else if (s.event().equals("error")) {
          error = s.text();
        }
      }
      int seen = countResults(guest);
      if (seen > results) {
        results = seen;
        progress.results(seen);
      }
      console.poll().stream().filter(GuestConsole::isCommandOutput).forEach(output);
      if (exitStatus != null) {
        // Everything the guest wrote is on the host already (the results share is uncached 9p):
        // stopping QEMU now saves the guest's poweroff, seconds under TCG.
        stop(qemu);
        console.poll().stream().filter(GuestConsole::isCommandOutput).forEach(output);
        return new GuestResult(GuestResult.End.EXITED, exitStatus, List.of(), null, guest.console(), timeline);
      }
      if (!qemu.isAlive()) {
        return ended(guest, error, timeline);
      }
      if (now > deadline) {
        qemu.destroyForcibly();
        return new GuestResult(GuestResult.End.TIMEOUT, -1, KernelPanic.lines(console(guest)), "no result within "
            + guest.request().timeout().toSeconds() + " s", guest.console(), timeline);
      }
      sleep(POLL_MILLIS);
    }
  }

  /** QEMU stopped without an exit status: a panic, an init error, or QEMU itself failed. */
  private static GuestResult ended(PreparedGuest guest, String error, BootTimeline timeline) throws IOException {
    List<String> panic = KernelPanic.lines(console(guest));
    if (!panic.isEmpty()) {
      return new GuestResult(GuestResult.End.PANIC, -1, panic, null, guest.console(), timeline);
    }
    String why = error != null ? "guest init: " + error
        : "QEMU stopped without a result: " + lastLines(Files.readString(guest.dir().resolve("qemu.log")), 5);
    return new GuestResult(GuestResult.End.FAILED, -1, List.of(), why, guest.console(), timeline);
  }

  /** Counts {@code outcome.json} files below the results directory (one per scenario run). */
  private int countResults(PreparedGuest guest) {
    if (expectedResults <= 0) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(guest.request().resultsDir(), 4)) {
      return (int) all.filter(p -> p.getFileName().toString().equals("outcome.json")).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0; // a directory vanished while we walked: count again next time
    }
  }

  private static void stop(Process qemu) {
    qemu.destroy();
    try {
      if (!qemu.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        qemu.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String console(PreparedGuest guest) throws IOException {
    return Files.exists(guest.console()) ? Files.readString(guest.console(), StandardCharsets.ISO_8859_1) : "";
  }

  private static String lastLines(String text, int n) {
    List<String> l = text.lines().toList();
    return String.join(" | ", l.subList(Math.max(0, l.size() - n), l.size()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GuestException(5, "interrupted while waiting for the guest");
    }
  }
}

package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProcessCallsTest {
  @Test
  void pidfdSignalsAndSeesExitOfAChild() throws Exception {
    Process p = new ProcessBuilder("sleep", "60").start();
    try (Fd pidfd = Pidfd.open((int) p.pid())) {
      assertThat(Pidfd.awaitExit(pidfd, 0)).isFalse();
      Pidfd.sendSignal(pidfd, Posix.SIGKILL);
      assertThat(Pidfd.awaitExit(pidfd, 10_000)).isTrue();
      p.waitFor();
      assertThat(p.exitValue()).isEqualTo(128 + Posix.SIGKILL);
      // Reaped: the pidfd still names that process, and signals to it fail instead of hitting a reused pid.
      assertThatThrownBy(() -> Pidfd.sendSignal(pidfd, Posix.SIGKILL)).isInstanceOf(NativeException.NoSuchProcess.class);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void killAndIdentity() throws Exception {
    assertThat(Posix.getpid()).isEqualTo((int) ProcessHandle.current().pid());
    assertThat(Posix.isAlive(Posix.getpid())).isTrue();
    assertThat(Posix.geteuid()).isGreaterThanOrEqualTo(0);
    Process p = new ProcessBuilder("sleep", "60").start();
    try {
      Posix.kill((int) p.pid(), Posix.SIGTERM);
      assertThat(p.waitFor()).isEqualTo(128 + Posix.SIGTERM);
      assertThatThrownBy(() -> Posix.kill((int) p.pid(), 0))
          .isInstanceOf(NativeException.NoSuchProcess.class)
          .hasMessage("kill pid " + p.pid() + " signal 0: ESRCH (No such process)");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void prctlThreadScopedSettingsRoundTrip() throws Exception {
    AtomicReference<Object[]> seen = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // On a throwaway thread: the name and death signal are per thread.
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        Prctl.setThreadName("oomlab-test");
        Prctl.setParentDeathSignal(Posix.SIGKILL);
        seen.set(new Object[] {Prctl.threadName(), Prctl.parentDeathSignal()});
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.join();
    assertThat(failure.get()).isNull();
    assertThat(seen.get()).containsExactly("oomlab-test", Posix.SIGKILL);
  }

  @Test
  void unknownPrctlOptionIsInvalidArgument() {
    assertThatThrownBy(() -> Prctl.prctl(99999, 0, 0, 0, 0)).isInstanceOf(NativeException.InvalidArgument.class);
  }

  @Test
  void hostFactsDescribeThisMachine() throws Exception {
    HostFacts h = HostFacts.ofThisHost();
    assertThat(h.kernelRelease()).isEqualTo(SysFs.readValue(java.nio.file.Path.of("/proc/sys/kernel/osrelease")));
    assertThat(h.memoryBytes()).isGreaterThan(64L << 20);
    assertThat(h.swapBytes()).isGreaterThanOrEqualTo(0);
    assertThat(h.logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(h.physicalCpus()).isBetween(1, h.logicalCpus());
    String model = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    assertThat(h.cpuModel()).isEqualTo(model);
    assertThat(h.os()).contains("Debian");
    assertThat(h.asMap()).containsEntry("kernel", h.kernelRelease()).containsEntry("logicalCpus", h.logicalCpus());
  }

  @Test
  void errnoNamesAndDescriptions() {
    assertThat(Errno.of(16).name()).isEqualTo("EBUSY");
    assertThat(Errno.of(16).description()).isEqualTo("Device or resource busy");
    assertThat(Errno.of(16)).isSameAs(Errno.EBUSY);
    assertThat(Errno.of(4095).name()).isEqualTo("E4095");
    assertThat(NativeException.of("rmdir", Errno.EBUSY, "/x")).isInstanceOf(NativeException.Busy.class);
    assertThat(NativeException.of("open", Errno.EPERM, "/x")).isInstanceOf(NativeException.PermissionDenied.class);
    assertThat(NativeException.of("open", Errno.of(28), "/x")).isExactlyInstanceOf(NativeException.class)
        .hasMessage("open /x: ENOSPC (No space left on device)");
  }
}

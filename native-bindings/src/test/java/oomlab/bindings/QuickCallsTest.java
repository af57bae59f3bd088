package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The critical-downcall variants (openQuick, writeQuick, pwriteQuick, a non-blocking eventfd) on procfs and eventfd. */
class QuickCallsTest {
  @Test
  void openQuickOfAMissingProcFileIsNoSuchFileNamingThePath() {
    KernelPath missing = KernelPath.of("/proc/self/no-such-file");
    assertThatThrownBy(() -> FileIo.openQuick(missing, FileIo.O_RDONLY))
        .isInstanceOf(NativeException.NoSuchFile.class)
        .hasMessage("open /proc/self/no-such-file: ENOENT (No such file or directory)");
  }

  @Test
  void quickWritesReachTheKernelFile() throws Exception {
    // This process's own comm: writable by itself, read back through procfs.
    KernelPath comm = KernelPath.of("/proc/thread-self/comm");
    String before = SysFs.readValue(java.nio.file.Path.of("/proc/thread-self/comm"));
    try (Fd fd = FileIo.openQuick(comm, FileIo.O_WRONLY)) {
      byte[] name = "oomlab-quick".getBytes(StandardCharsets.US_ASCII);
      assertThat(FileIo.writeQuick(fd, name, 0, name.length, null)).isEqualTo(name.length);
      assertThat(SysFs.readValue(java.nio.file.Path.of("/proc/thread-self/comm"))).isEqualTo("oomlab-quick");
      byte[] other = "xoomlab-pw".getBytes(StandardCharsets.US_ASCII);
      assertThat(FileIo.writeQuick(fd, other, 1, other.length - 1, null)).isEqualTo(other.length - 1);
      assertThat(SysFs.readValue(java.nio.file.Path.of("/proc/thread-self/comm"))).isEqualTo("oomlab-pw");
      assertThat(FileIo.writeQuick(fd, before.getBytes(StandardCharsets.US_ASCII), 0, before.length(), comm))
          .isEqualTo(before.length());
    }
    assertThat(SysFs.readValue(java.nio.file.Path.of("/proc/thread-self/comm"))).isEqualTo(before);
  }

  @Test
  void pwriteQuickTakesEachWriteAsAWholeValue() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    try (Fd fd = FileIo.openQuick(KernelPath.of("/proc/" + sleeper.pid() + "/oom_score_adj"), FileIo.O_WRONLY)) {
      java.nio.file.Path adj = java.nio.file.Path.of("/proc/" + sleeper.pid() + "/oom_score_adj");
      assertThat(FileIo.pwriteQuick(fd, "500".getBytes(StandardCharsets.US_ASCII), null)).isEqualTo(3);
      assertThat(SysFs.readValue(adj)).isEqualTo("500");
      assertThat(FileIo.pwriteQuick(fd, "8".getBytes(StandardCharsets.US_ASCII), null)).isEqualTo(1);
      assertThat(SysFs.readValue(adj)).isEqualTo("8");
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void quickCallsOnAClosedFdFailBeforeAnySyscall() throws Exception {
    Fd fd = FileIo.openQuick(KernelPath.of("/proc/self/comm"), FileIo.O_RDONLY);
    fd.close();
    assertThatThrownBy(() -> FileIo.pwriteQuick(fd, new byte[] {'x'}, null)).isInstanceOf(FdClosedException.class);
    assertThatThrownBy(() -> FileIo.writeQuick(fd, new byte[] {'x'}, 0, 1, null)).isInstanceOf(FdClosedException.class);
  }

  @Test
  void nonBlockingEventFdCountsThroughQuickReadAndWrite() throws Exception {
    try (EventFd e = EventFd.create(0, EventFd.EFD_NONBLOCK)) {
      assertThat(e.read()).isZero(); // EAGAIN: nothing signalled
      e.add(3);
      e.add(4);
      assertThat(e.read()).isEqualTo(7);
      assertThat(e.read()).isZero();
    }
    try (EventFd blocking = EventFd.create(2, 0)) {
      blocking.add(1);
      assertThat(blocking.read()).isEqualTo(3);
    }
  }

  @Test
  void kernelPathRefusesANulByte() {
    assertThatThrownBy(() -> KernelPath.of("/proc/self\0/comm")).isInstanceOf(IllegalArgumentException.class);
  }
}

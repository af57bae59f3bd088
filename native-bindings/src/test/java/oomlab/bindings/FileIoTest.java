package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIoTest {
  @TempDir Path dir;

  @Test
  void openOfMissingFileIsNoSuchFileNamingCallPathAndErrno() {
    Path missing = dir.resolve("memory.oom_control");
    assertThatThrownBy(() -> FileIo.open(missing, FileIo.O_RDONLY))
        .isInstanceOf(NativeException.NoSuchFile.class)
        .hasMessage("open " + missing + ": ENOENT (No such file or directory)")
        .satisfies(e -> {
          NativeException ne = (NativeException) e;
          assertThat(ne.call()).isEqualTo("open");
          assertThat(ne.errno()).isEqualTo(Errno.ENOENT);
          assertThat(ne.errno().number()).isEqualTo(2);
          assertThat(ne.argument()).isEqualTo(missing.toString());
        });
  }

  @Test
  void writeReadLseekRoundTrip() throws Exception {
    Path f = dir.resolve("f");
    byte[] hello = "hello, memcg".getBytes(StandardCharsets.US_ASCII);
    try (Fd fd = FileIo.open(f, FileIo.O_RDWR | FileIo.O_CREAT, 0600)) {
      assertThat(FileIo.write(fd, hello, 0, hello.length, null)).isEqualTo(hello.length);
      assertThat(FileIo.lseek(fd, 7, FileIo.SEEK_SET)).isEqualTo(7);
      byte[] buf = new byte[64];
      int n = FileIo.read(fd, buf, 0, buf.length);
      assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("memcg");
      assertThat(FileIo.read(fd, buf, 0, buf.length)).isZero(); // end of file
    }
    assertThat(Files.readString(f)).isEqualTo("hello, memcg");
  }

  @Test
  void doubleCloseIsHarmlessAndUseAfterCloseFailsBeforeAnySyscall() throws Exception {
    Path f = Files.writeString(dir.resolve("g"), "x");
    Fd fd = FileIo.open(f, FileIo.O_RDONLY);
    assertThat(fd.isOpen()).isTrue();
    fd.close();
    fd.close();
    assertThat(fd.isOpen()).isFalse();
    // Open another file: the kernel likely reuses the number; the closed Fd must not read it.
    try (Fd other = FileIo.open(f, FileIo.O_RDONLY)) {
      assertThatThrownBy(() -> FileIo.read(fd, new byte[1], 0, 1))
          .isInstanceOf(FdClosedException.class)
          .hasMessage("fd " + fd.toString().split(" ")[1] + " (" + f + ") is closed");
      assertThat(FileIo.read(other, new byte[1], 0, 1)).isEqualTo(1); // other fd untouched
    }
  }

  @Test
  void closeDuringAUseIsDeferredUntilTheUseEnds() throws Exception {
    Path f = Files.writeString(dir.resolve("h"), "abc");
    Fd fd = FileIo.open(f, FileIo.O_RDONLY);
    Path[] seenInside = new Path[1];
    int number = fd.useInt(n -> {
      fd.close(); // requested while in use: the number must stay valid until we return
      seenInside[0] = Files.readSymbolicLink(Path.of("/proc/self/fd/" + n));
      return n;
    });
    assertThat(seenInside[0]).isEqualTo(f);
    assertThat(fd.isOpen()).isFalse();
    Path fdLink = Path.of("/proc/self/fd/" + number);
    // After the use the number is released (another thread may reuse it, but not for our file).
    assertThat(Files.exists(fdLink) && Files.readSymbolicLink(fdLink).equals(f)).isFalse();
  }

  @Test
  void kernelRejectionIsTypedWithTheValueInTheMessage() {
    // /proc/self/oom_score_adj parses an int: a word is EINVAL and changes nothing.
    Path adj = Path.of("/proc/self/oom_score_adj");
    assertThatThrownBy(() -> SysFs.writeString(adj, "not-a-number"))
        .isInstanceOf(NativeException.InvalidArgument.class)
        .hasMessage("write /proc/self/oom_score_adj \"not-a-number\": EINVAL (Invalid argument)");
  }

  @Test
  void sysFsReadsWholeKernelFiles() throws Exception {
    assertThat(SysFs.readString(Path.of("/proc/self/status"))).contains("Pid:").contains("VmRSS:");
    assertThat(SysFs.readLong(Path.of("/proc/self/oom_score_adj"))).isBetween(-1000L, 1000L);
  }

  @Test
  void systemNanoTimeIsClockMonotonic() {
    long a = MonotonicClock.clockGettimeNs();
    long b = MonotonicClock.nowNs();
    long c = MonotonicClock.clockGettimeNs();
    assertThat(b).isBetween(a, c);
  }

  @Test
  void mkdirAndRmdirCreateAndRemoveAndSayWhyNot() throws Exception {
    Path sub = dir.resolve("A");
    FileIo.mkdir(sub, 0755);
    assertThat(sub).isDirectory();
    assertThatThrownBy(() -> FileIo.mkdir(sub, 0755)).isInstanceOf(NativeException.class)
        .hasMessage("mkdir " + sub + ": EEXIST (File exists)");
    Files.writeString(sub.resolve("f"), "x");
    assertThatThrownBy(() -> FileIo.rmdir(sub)).isInstanceOf(NativeException.class)
        .satisfies(e -> assertThat(((NativeException) e).errno()).isEqualTo(Errno.ENOTEMPTY));
    Files.delete(sub.resolve("f"));
    FileIo.rmdir(sub);
    assertThat(sub).doesNotExist();
  }
}

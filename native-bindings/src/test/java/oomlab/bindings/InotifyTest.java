package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InotifyTest {
  @TempDir Path dir;

  @Test
  void inotifySeesAWriteToATempFile() throws Exception {
    Path f = Files.writeString(dir.resolve("memory.events"), "oom 0\n");
    try (Inotify in = Inotify.create(Inotify.IN_NONBLOCK); Epoll ep = Epoll.create()) {
      int wd = in.addWatch(f, Inotify.IN_MODIFY);
      ep.add(in.fd(), Epoll.EPOLLIN, 1);
      assertThat(in.read()).isEmpty();
      Files.writeString(f, "oom 1\n");
      assertThat(ep.await(1, 5_000)).hasSize(1);
      assertThat(in.read()).isNotEmpty().allSatisfy(e -> {
        assertThat(e.wd()).isEqualTo(wd);
        assertThat(e.is(Inotify.IN_MODIFY)).isTrue();
        assertThat(e.name()).isEmpty();
      });
    }
  }

  @Test
  void directoryWatchNamesTheFile() throws Exception {
    try (Inotify in = Inotify.create(Inotify.IN_NONBLOCK)) {
      in.addWatch(dir, Inotify.IN_CREATE);
      Files.writeString(dir.resolve("child"), "");
      assertThat(in.read()).anySatisfy(e -> {
        assertThat(e.is(Inotify.IN_CREATE)).isTrue();
        assertThat(e.name()).isEqualTo("child");
      });
    }
  }

  @Test
  void watchOnMissingPathIsNoSuchFile() throws Exception {
    try (Inotify in = Inotify.create(0)) {
      assertThatThrownBy(() -> in.addWatch(dir.resolve("gone"), Inotify.IN_MODIFY))
          .isInstanceOf(NativeException.NoSuchFile.class)
          .hasMessageStartingWith("inotify_add_watch " + dir.resolve("gone") + ": ENOENT");
    }
  }

  @Test
  void parsesPackedEventsWithPaddedNames() {
    ByteBuffer b = ByteBuffer.allocate(16 + 16 + 16).order(ByteOrder.nativeOrder());
    b.putInt(3).putInt(Inotify.IN_MODIFY).putInt(0).putInt(0);
    b.putInt(4).putInt(Inotify.IN_CREATE).putInt(9).putInt(16).put("cgroup.events".getBytes(StandardCharsets.US_ASCII));
    assertThat(InotifyEvent.parse(b.array(), b.capacity())).containsExactly(
        new InotifyEvent(3, Inotify.IN_MODIFY, 0, ""),
        new InotifyEvent(4, Inotify.IN_CREATE, 9, "cgroup.events"));
  }

  @Test
  void rejectsATruncatedEvent() {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.putInt(3).putInt(Inotify.IN_CREATE).putInt(0).putInt(16);
    assertThatThrownBy(() -> InotifyEvent.parse(b.array(), 20)).isInstanceOf(IllegalArgumentException.class);
  }
}

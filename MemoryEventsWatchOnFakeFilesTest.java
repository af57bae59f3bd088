package oomlab.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 path's logic on fake files: a temp dir with memory.events and cgroup.events that the test
 * rewrites, inotify on a real file system. This host has no memory controller on cgroup2, so the
 * real-kernel v2 claim is left to a guest; this checks the wake-up, re-read, delta and removal logic.
 */
class MemoryEventsWatchOnFakeFilesTest {
  @TempDir Path tmp;
  private Path cg;
  private final LinkedBlockingQueue<OomEvent> events = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Exception> errors = new LinkedBlockingQueue<>();
  private OomListener listener;

  @BeforeEach
  void fakeCgroup() throws Exception {
    cg = Files.createDirectory(tmp.resolve("A"));
    writeEvents(0, 0);
    Files.writeString(cg.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
    listener = OomListener.start(events::add, errors::add);
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  /**
   * Rewrites the counters in place with one write(2) of a fixed-width text and no truncation, so a
   * wake-up caused by an earlier write never reads an empty file.
   */
  private void writeEvents(long oom, long oomKill) throws Exception {
    String text = String.format("low 0\nhigh 0\nmax 00009\noom %05d\noom_kill %05d\noom_group_kill 00000\n", oom, oomKill);
    Files.write(cg.resolve("memory.events"), text.getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private OomEvent next() throws InterruptedException {
    OomEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(errors).isEmpty();
    assertThat(e).as("an event within 10 s").isNotNull();
    return e;
  }

  @Test
  void emitsCounterDeltasStampedWithTheMonotonicClock() throws Exception {
    listener.watchMemoryEvents("A", cg);
    long before = System.nanoTime();
    writeEvents(1, 0);
    OomEvent first = next();
    assertThat(first).isEqualTo(new OomEvent(first.tMonoNs(), "A", OomEvent.Kind.OOM, 1));
    assertThat(first.tMonoNs()).isBetween(before, System.nanoTime());
    // Three OOMs and two kills behind one change (the kernel rate-limits notifications): all counted.
    writeEvents(4, 2);
    OomEvent oom = next();
    OomEvent kill = next();
    assertThat(oom).isEqualTo(new OomEvent(oom.tMonoNs(), "A", OomEvent.Kind.OOM, 3));
    assertThat(kill).isEqualTo(new OomEvent(oom.tMonoNs(), "A", OomEvent.Kind.OOM_KILL, 2));
  }

  @Test
  void countsAreNotLostWhenSeveralChangesShareWakeUps() throws Exception {
    listener.watchMemoryEvents("A", cg);
    for (int i = 1; i <= 20; i++) writeEvents(i, i);
    long oom = 0;
    long kills = 0;
    while (oom < 20 || kills < 20) {
      OomEvent e = next();
      if (e.kind() == OomEvent.Kind.OOM) oom += e.count();
      if (e.kind() == OomEvent.Kind.OOM_KILL) kills += e.count();
    }
    assertThat(oom).isEqualTo(20);
    assertThat(kills).isEqualTo(20);
  }

  @Test
  void rmdirOfTheCgroupReportsRemovedOnceAndDropsTheWatch() throws Exception {
    listener.watchMemoryEvents("A", cg);
    assertThat(listener.watchCount()).isEqualTo(1);
    Files.delete(cg.resolve("memory.events"));
    Files.delete(cg.resolve("cgroup.events"));
    Files.delete(cg);
    OomEvent removed = next();
    assertThat(removed.kind()).isEqualTo(OomEvent.Kind.REMOVED);
    assertThat(removed.count()).isEqualTo(1);
    for (int i = 0; i < 100 && listener.watchCount() > 0; i++) Thread.sleep(10);
    assertThat(listener.watchCount()).isZero();
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aDirectoryWithoutMemoryEventsIsNotAV2Memcg() throws Exception {
    Files.delete(cg.resolve("memory.events"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> listener.watchMemoryEvents("A", cg))
        .isInstanceOf(oomlab.bindings.NativeException.NoSuchFile.class)
        .hasMessageContaining(cg.resolve("memory.events").toString());
    assertThat(listener.watchCount()).isZero();
  }
}

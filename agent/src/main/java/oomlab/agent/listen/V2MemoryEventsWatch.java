package oomlab.agent.listen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import oomlab.agent.cgroup.MemoryEvents;
import oomlab.bindings.Epoll;
import oomlab.bindings.Fd;
import oomlab.bindings.Inotify;
import oomlab.bindings.InotifyEvent;
import oomlab.bindings.NativeException;
import oomlab.bindings.SysFs;

/**
 * A cgroup v2 memcg's OOM counters. The kernel raises IN_MODIFY on {@code memory.events} when a
 * counter changes (memcg_memory_event -> cgroup_file_notify) but rate-limits those notifications
 * (at most one per 10 ms per file, CGROUP_FILE_NOTIFY_MIN_INTV), so several events can share one
 * wake-up: we re-read the file on every wake and emit the counter deltas, which lose no count.
 * {@code cgroup.events} ({@code populated 0} when the last task left) is watched too, as one more
 * reason to re-read after the last victim is gone. An rmdir of the directory ends the watch with
 * {@code removed}: seen as IN_DELETE with its name on the parent directory, because the directory's
 * own IN_DELETE_SELF never came on Debian 6.1 (kernfs leaves the removed directory inode's i_nlink
 * set, and dentry_unlink_inode raises IN_DELETE_SELF only for i_nlink 0); vfs_rmdir's
 * fsnotify_delete always notifies the parent.
 */
final class V2MemoryEventsWatch implements Watch {
  private static final int FILE_MASK = Inotify.IN_MODIFY;
  private static final int DIR_MASK = Inotify.IN_DELETE_SELF;

  private final String label;
  private final Path memoryEvents;
  private final Inotify inotify;
  private final int dirWd;
  private final int parentWd;
  private final String dirName;
  private final MemoryEventDeltas deltas;

  private V2MemoryEventsWatch(String label, Path memoryEvents, Inotify inotify, int dirWd, int parentWd, String dirName,
      MemoryEventDeltas deltas) {
    this.label = label;
    this.memoryEvents = memoryEvents;
    this.inotify = inotify;
    this.dirWd = dirWd;
    this.parentWd = parentWd;
    this.dirName = dirName;
    this.deltas = deltas;
  }

  /** Watches {@code cgroupDir}; NoSuchFile when it has no memory.events (not a v2 memcg). */
  static V2MemoryEventsWatch register(String label, Path cgroupDir) throws IOException {
    Path memoryEvents = cgroupDir.resolve("memory.events");
    Inotify inotify = Inotify.create(Inotify.IN_NONBLOCK);
    try {
      // Watches first, then the baseline read: a change after the read wakes us; one before it
      // is in the baseline (and its wake-up then finds a zero delta).
      inotify.addWatch(memoryEvents, FILE_MASK);
      Path cgroupEvents = cgroupDir.resolve("cgroup.events");
      if (java.nio.file.Files.exists(cgroupEvents)) inotify.addWatch(cgroupEvents, FILE_MASK);
      int dirWd = inotify.addWatch(cgroupDir, DIR_MASK);
      Path dir = cgroupDir.toAbsolutePath().normalize();
      int parentWd = inotify.addWatch(dir.getParent(), Inotify.IN_DELETE);
      MemoryEventDeltas deltas = new MemoryEventDeltas(MemoryEvents.parse(SysFs.readString(memoryEvents)));
      return new V2MemoryEventsWatch(label, memoryEvents, inotify, dirWd, parentWd, dir.getFileName().toString(), deltas);
    } catch (IOException | RuntimeException e) {
      inotify.close();
      throw e;
    }
  }

  @Override
  public Fd fd() {
    return inotify.fd();
  }

  @Override
  public int epollEvents() {
    return Epoll.EPOLLIN;
  }

  @Override
  public boolean onReady(int epollEvents, long nowNs, List<OomEvent> out) throws IOException {
    boolean removed = false;
    for (InotifyEvent e : inotify.read()) {
      if (e.wd() == dirWd && e.is(Inotify.IN_DELETE_SELF)) removed = true;
      if (e.wd() == parentWd && e.is(Inotify.IN_DELETE) && e.name().equals(dirName)) removed = true;
    }
    // Re-read on every wake, whatever woke us: the counters are the truth, the wake-ups only hints.
    try {
      deltas.next(MemoryEvents.parse(SysFs.readString(memoryEvents)), nowNs, label, out::add);
    } catch (NativeException.NoSuchFile gone) {
      removed = true;
    } catch (NativeException e) {
      if (!"ENODEV".equals(e.errno().name())) throw e; // kernfs: an open file whose node was removed
      removed = true;
    }
    if (removed) out.add(new OomEvent(nowNs, label, OomEvent.Kind.REMOVED, 1));
    return !removed;
  }

  @Override
  public void close() {
    inotify.close();
  }
}

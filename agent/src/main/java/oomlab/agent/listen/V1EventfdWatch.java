package oomlab.agent.listen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oomlab.bindings.Epoll;
import oomlab.bindings.EventFd;
import oomlab.bindings.Fd;
import oomlab.bindings.FileIo;
import oomlab.bindings.SysFs;

/**
 * A cgroup v1 memcg event through {@code cgroup.event_control}: we write {@code "<eventfd> <fd of
 * the control file> [args]"} and the kernel signals the eventfd for every event
 * (mm/memcontrol-v1.c, memcg_write_event_control). Three control files take registrations:
 * {@code memory.oom_control} (one signal per OOM), {@code memory.usage_in_bytes} with a threshold
 * in bytes, {@code memory.pressure_level} with a level.
 *
 * <p>When the cgroup is removed the kernel signals the eventfd once more ("Notify userspace the
 * event is going away", memcg_event_remove) and drops the registration. A signal therefore means
 * an event while {@code cgroup.event_control} still exists after our read, and the removal once it
 * is gone: we then report {@code removed} and let the listener drop this watch, instead of
 * waking forever on a dead eventfd. (If an OOM is signalled in the same instant as the removal,
 * both arrive in one read; we count the read minus the removal's one as events.)
 *
 * <p>Registering writes to {@code cgroup.event_control} of a cgroup oomlab may not own ({@code
 * oomlab listen --foreign CGROUP}: only where the user names a cgroup outside oomlab's subtree
 * explicitly, DESIGN section 6). It is a registration, not a configuration: it changes no limit,
 * counter or behaviour of the memcg, and the kernel ties it to our eventfd, so it disappears when
 * we close the eventfd or exit. Nothing of it outlives the listener.
 */
final class V1EventfdWatch implements Watch {
  private final String label;
  private final OomEvent.Kind kind;
  private final Path eventControl;
  private final EventFd eventFd;

  private V1EventfdWatch(String label, OomEvent.Kind kind, Path eventControl, EventFd eventFd) {
    this.label = label;
    this.kind = kind;
    this.eventControl = eventControl;
    this.eventFd = eventFd;
  }

  /**
   * Registers an eventfd for {@code controlFile} (a file name in {@code cgroupDir}) with
   * {@code args} (empty for memory.oom_control). Failures are typed: NoSuchFile when the
   * directory is not a v1 memcg, InvalidArgument for a bad threshold or level.
   */
  static V1EventfdWatch register(String label, OomEvent.Kind kind, Path cgroupDir, String controlFile, String args)
      throws IOException {
    Path eventControl = cgroupDir.resolve("cgroup.event_control");
    EventFd efd = EventFd.create(0, EventFd.EFD_NONBLOCK);
    try (Fd control = FileIo.open(cgroupDir.resolve(controlFile), FileIo.O_RDONLY)) {
      // The kernel takes its own references during the write: the control file's fd may be
      // closed right after, the eventfd must stay open for as long as we listen.
      efd.fd().use(e -> control.use(c -> {
        SysFs.writeString(eventControl, e + " " + c + (args.isEmpty() ? "" : " " + args));
        return null;
      }));
      return new V1EventfdWatch(label, kind, eventControl, efd);
    } catch (IOException | RuntimeException e) {
      efd.close();
      throw e;
    }
  }

  @Override
  public Fd fd() {
    return eventFd.fd();
  }

  @Override
  public int epollEvents() {
    return Epoll.EPOLLIN;
  }

  @Override
  public boolean onReady(int epollEvents, long nowNs, List<OomEvent> out) throws IOException {
    long signals = eventFd.read();
    if (signals == 0) return true; // spurious: another reader or a level already consumed
    // Checked after the read: if the cgroup still exists now, its removal has not begun, so the
    // removal signal (sent after rmdir) cannot be among the signals just read.
    if (Files.exists(eventControl)) {
      out.add(new OomEvent(nowNs, label, kind, signals));
      return true;
    }
    if (signals > 1) out.add(new OomEvent(nowNs, label, kind, signals - 1));
    out.add(new OomEvent(nowNs, label, OomEvent.Kind.REMOVED, 1));
    return false;
  }

  @Override
  public void close() {
    eventFd.close(); // the kernel sees the eventfd's hang-up and drops the registration
  }
}

package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * inotify(7). Cgroup v2 raises IN_MODIFY on {@code memory.events} and {@code cgroup.events} when
 * their counters or {@code populated} change (kernfs_notify), which is how the v2 listener wakes.
 */
public final class Inotify implements AutoCloseable {
  public static final int IN_ACCESS = 0x001;
  public static final int IN_MODIFY = 0x002;
  public static final int IN_ATTRIB = 0x004;
  public static final int IN_CLOSE_WRITE = 0x008;
  public static final int IN_CREATE = 0x100;
  public static final int IN_DELETE = 0x200;
  public static final int IN_DELETE_SELF = 0x400;
  public static final int IN_MOVE_SELF = 0x800;
  public static final int IN_Q_OVERFLOW = 0x4000;
  public static final int IN_IGNORED = 0x8000;
  public static final int IN_NONBLOCK = 04000;
  private static final int IN_CLOEXEC = 02000000;

  private static final MethodHandle INIT1 =
      NativeCall.errnoCapturing("inotify_init1", FunctionDescriptor.of(C_INT, C_INT));
  private static final MethodHandle ADD_WATCH =
      NativeCall.errnoCapturing("inotify_add_watch", FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT));
  private static final MethodHandle RM_WATCH =
      NativeCall.errnoCapturing("inotify_rm_watch", FunctionDescriptor.of(C_INT, C_INT, C_INT));

  /** Enough for many events at once: each is 16 bytes plus a name of at most NAME_MAX + 1. */
  private static final int READ_BUFFER = 64 * 1024;

  private final Fd fd;

  private Inotify(Fd fd) {
    this.fd = fd;
  }

  /** inotify_init1 with {@code flags} (IN_NONBLOCK or 0); IN_CLOEXEC is always added. */
  public static Inotify create(int flags) throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      int n = (int) INIT1.invokeExact(st, flags | IN_CLOEXEC);
      if (n < 0) throw NativeCall.failure("inotify_init1", st, "");
      return new Inotify(Fd.adopt(n, "inotify"));
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** inotify_add_watch: the watch descriptor that events on {@code path} will carry. */
  public int addWatch(Path path, int mask) throws IOException {
    return fd.useInt(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        int wd = (int) ADD_WATCH.invokeExact(st, n, arena.allocateFrom(path.toString()), mask);
        if (wd < 0) throw NativeCall.failure("inotify_add_watch", st, path.toString());
        return wd;
      } catch (Throwable t) {
        throw NativeCall.rethrow(t);
      }
    });
  }

  public void removeWatch(int wd) throws IOException {
    fd.useInt(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        int r = (int) RM_WATCH.invokeExact(st, n, wd);
        if (r < 0) throw NativeCall.failure("inotify_rm_watch", st, "wd " + wd);
        return r;
      } catch (Throwable t) {
        throw NativeCall.rethrow(t);
      }
    });
  }

  /**
   * One read(2) of queued events. Empty when a non-blocking instance has none; blocks otherwise.
   */
  public List<InotifyEvent> read() throws IOException {
    // Into this thread's native buffer, then only what the kernel wrote is copied out.
    MemorySegment seg = NativeCall.scratch(READ_BUFFER).asSlice(0, READ_BUFFER);
    long n = FileIo.read(fd, seg);
    if (n <= 0) return List.of();
    return InotifyEvent.parse(seg.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), (int) n);
  }

  public Fd fd() {
    return fd;
  }

  @Override
  public void close() {
    fd.close();
  }
}

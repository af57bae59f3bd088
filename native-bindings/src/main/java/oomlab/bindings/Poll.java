package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_LONG;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * poll(2) on one fd. PSI triggers ({@code memory.pressure}) signal POLLPRI and must be polled, and
 * a pidfd becomes POLLIN when its process exits.
 */
public final class Poll {
  public static final short POLLIN = 0x001;
  public static final short POLLPRI = 0x002;
  public static final short POLLOUT = 0x004;
  public static final short POLLERR = 0x008;
  public static final short POLLHUP = 0x010;
  public static final short POLLNVAL = 0x020;

  // nfds_t is unsigned long on Linux.
  private static final MethodHandle POLL =
      NativeCall.errnoCapturing("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));

  private Poll() {}

  /**
   * Waits up to {@code timeoutMs} (-1: forever) for {@code events} on {@code fd}: the revents, 0 on
   * timeout. EINTR is retried with the time left.
   */
  public static int poll(Fd fd, short events, int timeoutMs) throws IOException {
    return fd.useInt(n -> {
      long deadline = System.nanoTime() + Math.max(0, timeoutMs) * 1_000_000L;
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        MemorySegment pfd = arena.allocate(8, 4); // struct pollfd { int fd; short events; short revents; }
        int left = timeoutMs;
        while (true) {
          pfd.set(ValueLayout.JAVA_INT, 0, n);
          pfd.set(ValueLayout.JAVA_SHORT, 4, events);
          pfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
          int r = (int) POLL.invokeExact(st, pfd, 1L, left);
          if (r >= 0) return r == 0 ? 0 : pfd.get(ValueLayout.JAVA_SHORT, 6) & 0xffff;
          if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("poll", st, fd.toString());
          if (timeoutMs >= 0) left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
        }
      } catch (Throwable t) {
        throw NativeCall.rethrow(t);
      }
    });
  }
}

package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * epoll(7): one set of fds, one waiter. Each registration carries a 64-bit {@code data} word that
 * comes back with its events (the listener uses it as an index into its watches).
 *
 * <p>{@code struct epoll_event} is {@code { uint32_t events; uint64_t data; }}, packed on x86-64
 * (12 bytes) and naturally aligned elsewhere (16 bytes): the layout follows the architecture.
 */
public final class Epoll implements AutoCloseable {
  public static final int EPOLLIN = 0x001;
  public static final int EPOLLPRI = 0x002;
  public static final int EPOLLOUT = 0x004;
  public static final int EPOLLERR = 0x008;
  public static final int EPOLLHUP = 0x010;
  public static final int EPOLLRDHUP = 0x2000;
  public static final int EPOLLONESHOT = 1 << 30;
  public static final int EPOLLET = 1 << 31;

  private static final int EPOLL_CLOEXEC = 02000000;
  private static final int EPOLL_CTL_ADD = 1;
  private static final int EPOLL_CTL_DEL = 2;
  private static final int EPOLL_CTL_MOD = 3;

  private static final boolean PACKED = "amd64".equals(System.getProperty("os.arch"))
      || "x86_64".equals(System.getProperty("os.arch"));
  private static final long EVENT_SIZE = PACKED ? 12 : 16;
  private static final long DATA_OFFSET = PACKED ? 4 : 8;

  private static final MethodHandle CREATE1 =
      NativeCall.errnoCapturing("epoll_create1", FunctionDescriptor.of(C_INT, C_INT));
  private static final MethodHandle CTL =
      NativeCall.errnoCapturing("epoll_ctl", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_POINTER));
  private static final MethodHandle WAIT =
      NativeCall.errnoCapturing("epoll_wait", FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT, C_INT));

  /** One ready fd: the events the kernel reported and the data word given at registration. */
  public record Event(int events, long data) {
    public boolean readable() {
      return (events & EPOLLIN) != 0;
    }

    public boolean hangUp() {
      return (events & (EPOLLHUP | EPOLLERR)) != 0;
    }
  }

  private final Fd fd;

  private Epoll(Fd fd) {
    this.fd = fd;
  }

  /** epoll_create1(EPOLL_CLOEXEC). */
  public static Epoll create() throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      int n = (int) CREATE1.invokeExact(st, EPOLL_CLOEXEC);
      if (n < 0) throw NativeCall.failure("epoll_create1", st, "");
      return new Epoll(Fd.adopt(n, "epoll"));
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  public void add(Fd target, int events, long data) throws IOException {
    ctl(EPOLL_CTL_ADD, "EPOLL_CTL_ADD", target, events, data);
  }

  public void modify(Fd target, int events, long data) throws IOException {
    ctl(EPOLL_CTL_MOD, "EPOLL_CTL_MOD", target, events, data);
  }

  public void delete(Fd target) throws IOException {
    ctl(EPOLL_CTL_DEL, "EPOLL_CTL_DEL", target, 0, 0);
  }

  private void ctl(int op, String opName, Fd target, int events, long data) throws IOException {
    int ep = fd.acquire();
    try {
      int t = target.acquire();
      try {
        MemorySegment st = NativeCall.state();
        MemorySegment ev = NativeCall.scratch(EVENT_SIZE);
        ev.set(ValueLayout.JAVA_INT_UNALIGNED, 0, events);
        ev.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        int r = (int) CTL.invokeExact(st, ep, op, t, ev);
        if (r < 0) throw NativeCall.failure("epoll_ctl", st, opName + " " + target);
      } catch (Throwable th) {
        throw NativeCall.rethrow(th);
      } finally {
        target.release();
      }
    } finally {
      fd.release();
    }
  }

  /**
   * What one epoll_wait returned: the ready fds and CLOCK_MONOTONIC (System.nanoTime) taken as
   * soon as the call returned, before the events are decoded: the moment the waiter learned.
   */
  public record Ready(long monoNs, List<Event> events) {}

  /**
   * epoll_wait(2) for at most {@code maxEvents}; {@code timeoutMs} -1 waits forever, 0 polls.
   * EINTR is retried with the time left. Returns the ready fds (empty on timeout).
   */
  public List<Event> await(int maxEvents, int timeoutMs) throws IOException {
    return awaitStamped(maxEvents, timeoutMs).events();
  }

  /** {@link #await}, with the instant it returned. */
  public Ready awaitStamped(int maxEvents, int timeoutMs) throws IOException {
    int ep = fd.acquire();
    try {
      long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
      MemorySegment st = NativeCall.state();
      MemorySegment evs = NativeCall.scratch(EVENT_SIZE * maxEvents);
      int left = timeoutMs;
      while (true) {
        int n = (int) WAIT.invokeExact(st, ep, evs, maxEvents, left);
        long now = System.nanoTime();
        if (n >= 0) return new Ready(now, decode(evs, n));
        if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("epoll_wait", st, fd.toString());
        if (timeoutMs >= 0) left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
      }
    } catch (Throwable th) {
      throw NativeCall.rethrow(th);
    } finally {
      fd.release();
    }
  }

  private static List<Event> decode(MemorySegment evs, int n) {
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long base = i * EVENT_SIZE;
      out.add(new Event(evs.get(ValueLayout.JAVA_INT_UNALIGNED, base),
          evs.get(ValueLayout.JAVA_LONG_UNALIGNED, base + DATA_OFFSET)));
    }
    return out;
  }

  public Fd fd() {
    return fd;
  }

  @Override
  public void close() {
    fd.close();
  }
}

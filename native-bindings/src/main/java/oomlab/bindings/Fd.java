package oomlab.bindings;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An owned file descriptor that is closed exactly once and never used after close.
 *
 * <p>One state word, changed only by compare-and-set (netty's {@code FileDescriptor} idea, plus a
 * user count): bit 0 = close requested, the rest = calls in flight x 2. A call {@link #use uses} the
 * number only while it holds a count, so {@link #close()} during a call defers close(2) to the end
 * of that call: the number can never be reused under a running syscall. Consequence for blocking
 * calls: closing an epoll fd does not wake a thread blocked in epoll_wait on it; wake that thread
 * first (e.g. through an eventfd in its set), as the listener does.
 */
public final class Fd implements AutoCloseable {
  private static final MethodHandle CLOSE =
      NativeCall.errnoCapturing("close", FunctionDescriptor.of(NativeCall.C_INT, NativeCall.C_INT));
  private static final MethodHandle CLOSE_QUICK =
      NativeCall.errnoCapturingCritical("close", FunctionDescriptor.of(NativeCall.C_INT, NativeCall.C_INT));
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Fd.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final int CLOSED = 1;
  private static final int ONE_USER = 2;

  private final int number;
  /** A String or a {@link KernelPath}: turned into text only for a message. */
  private final Object what;
  /** Closed by a critical downcall: a procfs fd, whose close(2) never waits (see FileIo#openQuick). */
  private final boolean quickClose;
  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  private Fd(int number, Object what, boolean quickClose) {
    this.number = number;
    this.what = what;
    this.quickClose = quickClose;
  }

  /** Takes ownership of {@code number}, a just-returned fd; {@code what} names it in messages (a path, "eventfd"). */
  public static Fd adopt(int number, String what) {
    if (number < 0) throw new IllegalArgumentException("not an fd: " + number);
    return new Fd(number, what, false);
  }

  /** {@link #adopt} for an fd of {@link FileIo#openQuick}: closed without a thread-state transition. */
  static Fd adoptQuick(int number, KernelPath what) {
    if (number < 0) throw new IllegalArgumentException("not an fd: " + number);
    return new Fd(number, what, true);
  }

  /** A call on the raw fd number; the number is valid only during the call. */
  @FunctionalInterface
  public interface Call<T> {
    T apply(int fd) throws IOException;
  }

  /** Runs {@code call} with the fd number, keeping the fd open until it returns. */
  public <T> T use(Call<T> call) throws IOException {
    acquire();
    try {
      return call.apply(number);
    } finally {
      release();
    }
  }

  /** Same as {@link #use} for calls returning a primitive int (no boxing on hot paths). */
  @FunctionalInterface
  public interface IntCall {
    int apply(int fd) throws IOException;
  }

  public int useInt(IntCall call) throws IOException {
    acquire();
    try {
      return call.apply(number);
    } finally {
      release();
    }
  }

  /**
   * For the bindings' own calls, without a lambda: takes a use and returns the number, valid
   * until the matching {@link #release()} (always in a {@code finally}).
   */
  int acquire() throws FdClosedException {
    while (true) {
      int s = (int) STATE.getVolatile(this);
      if ((s & CLOSED) != 0) throw new FdClosedException(toString());
      if (STATE.compareAndSet(this, s, s + ONE_USER)) return number;
    }
  }

  void release() {
    int after = (int) STATE.getAndAdd(this, -ONE_USER) - ONE_USER;
    if (after == CLOSED) closeNow(); // close was requested while we were the last user
  }

  public boolean isOpen() {
    return ((int) STATE.getVolatile(this) & CLOSED) == 0;
  }

  /** What this fd is, for messages: a path, {@code eventfd}, {@code epoll}. */
  public String what() {
    return what.toString();
  }

  /**
   * Closes the fd once; later calls are no-ops. If a call is in flight, close(2) runs when it ends.
   * close(2) errors are not reported: on Linux the number is released even when close fails, and
   * none of our fds has buffered data whose loss close(2) could report.
   */
  @Override
  public void close() {
    while (true) {
      int s = (int) STATE.getVolatile(this);
      if ((s & CLOSED) != 0) return;
      if (STATE.compareAndSet(this, s, s | CLOSED)) {
        if (s == 0) closeNow();
        return;
      }
    }
  }

  private void closeNow() {
    try {
      MemorySegment st = NativeCall.state();
      // Never retry close on EINTR: Linux has already released the number.
      int unused = quickClose ? (int) CLOSE_QUICK.invokeExact(st, number) : (int) CLOSE.invokeExact(st, number);
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }

  /** {@code fd 7 (/sys/fs/cgroup/memory/oomlab/A/memory.oom_control)}. */
  @Override
  public String toString() {
    return "fd " + number + " (" + what + ")";
  }
}

package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * eventfd(2): a kernel 64-bit counter. A write adds to it; a read returns the sum and resets it to
 * zero (EFD_SEMAPHORE aside), so a reader that wakes late still sees every signal as a count. The
 * memcg v1 OOM notifier (cgroup.event_control) signals one of these per OOM.
 */
public final class EventFd implements AutoCloseable {
  public static final int EFD_SEMAPHORE = 1;
  public static final int EFD_NONBLOCK = 04000;
  public static final int EFD_CLOEXEC = 02000000;

  private static final MethodHandle EVENTFD =
      NativeCall.errnoCapturing("eventfd", FunctionDescriptor.of(C_INT, C_INT, C_INT));

  private final Fd fd;
  /** EFD_NONBLOCK: its read and write never wait, so they are critical downcalls (NativeCall). */
  private final boolean nonBlocking;

  private EventFd(Fd fd, boolean nonBlocking) {
    this.fd = fd;
    this.nonBlocking = nonBlocking;
  }

  /** A new eventfd with counter {@code initial}; EFD_CLOEXEC is always added. */
  public static EventFd create(int initial, int flags) throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      int n = (int) EVENTFD.invokeExact(st, initial, flags | EFD_CLOEXEC);
      if (n < 0) throw NativeCall.failure("eventfd", st, "initval " + initial + " flags " + flags);
      return new EventFd(Fd.adopt(n, "eventfd"), (flags & EFD_NONBLOCK) != 0);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  public Fd fd() {
    return fd;
  }

  /** Adds {@code n} (> 0) to the counter: wakes readers and epoll/poll waiters. */
  public void add(long n) throws IOException {
    if (nonBlocking) {
      FileIo.writeQuick(fd, MemorySegment.ofArray(new long[] {n}), null);
      return;
    }
    MemorySegment v = NativeCall.scratch(Long.BYTES);
    v.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, n);
    FileIo.write(fd, v.asSlice(0, Long.BYTES));
  }

  /**
   * Reads and resets the counter. Blocks on a blocking eventfd while it is zero; on an
   * EFD_NONBLOCK one returns 0 when it is zero (a successful read never returns 0).
   */
  public long read() throws IOException {
    long r;
    long value;
    if (nonBlocking) {
      long[] v = new long[1];
      r = FileIo.readQuick(fd, MemorySegment.ofArray(v));
      value = v[0];
    } else {
      MemorySegment v = NativeCall.scratch(Long.BYTES).asSlice(0, Long.BYTES);
      r = FileIo.read(fd, v);
      value = v.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
    }
    if (r == FileIo.NO_DATA) return 0;
    if (r != Long.BYTES) throw new IOException("read " + fd + ": " + r + " bytes, expected 8");
    return value;
  }

  @Override
  public void close() {
    fd.close();
  }

  @Override
  public String toString() {
    return fd.toString();
  }
}

package oomlab.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The one place that owns errno: every libc downcall in this package is built here with
 * {@code captureCallState("errno")}, and its captured state is read back here. errno read through
 * any other route (a second downcall, {@code __errno_location}) is unreliable because the JVM may
 * run native code of its own between two downcalls.
 *
 * <p>Calling convention of the handles made here: the first argument is a segment of
 * {@link #STATE_LAYOUT}, then the C arguments. The segment is this thread's ({@link #state()}):
 * reused call after call, so a downcall costs no arena and no allocation; errno is read back
 * before the thread makes its next downcall.
 *
 * <p>Two kinds of handle. {@link #errnoCapturing} makes the usual downcall: the thread leaves the
 * Java state for the call, so a call may block (epoll_wait, a cgroup write that reclaims) without
 * holding up a safepoint. {@link #errnoCapturingCritical} makes a {@link Linker.Option#critical}
 * one: no thread-state transition (the fences and the safepoint poll on return, which are most of
 * a short downcall's own cost), and heap segments allowed as arguments, so a byte[] goes to the
 * kernel without a copy. A GC waits for a thread inside such a call, so it is only for calls that
 * return within microseconds and never sleep for I/O or another process: a write to
 * /proc/PID/oom_score_adj, a non-blocking eventfd's read and write, close of a procfs fd.
 */
final class NativeCall {
  static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
  private static final Linker.Option CRITICAL = Linker.Option.critical(true);
  static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private NativeCall() {}

  /** A downcall to libc's {@code name} that captures errno (first argument: the state segment). */
  static MethodHandle errnoCapturing(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, CAPTURE_ERRNO);
  }

  /** Like {@link #errnoCapturing} for a variadic C function whose variadic part starts at {@code firstVariadic}. */
  static MethodHandle errnoCapturingVariadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
    return LINKER.downcallHandle(
        LIBC.findOrThrow(name), descriptor, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(firstVariadic));
  }

  /**
   * Like {@link #errnoCapturing}, without the thread-state transition and with heap segments
   * allowed (see the class comment: only for calls that return within microseconds, never block).
   */
  static MethodHandle errnoCapturingCritical(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, CAPTURE_ERRNO, CRITICAL);
  }

  /** {@link #errnoCapturingCritical} for a variadic C function. */
  static MethodHandle errnoCapturingCriticalVariadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
    return LINKER.downcallHandle(
        LIBC.findOrThrow(name), descriptor, CAPTURE_ERRNO, CRITICAL, Linker.Option.firstVariadicArg(firstVariadic));
  }

  /** A downcall that cannot fail (getpid, strerror, clock_gettime on a valid clock). */
  static MethodHandle plain(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor);
  }

  /** A fresh captured-state segment in {@code arena} (for the calls not on a hot path). */
  static MemorySegment state(Arena arena) {
    return arena.allocate(STATE_LAYOUT);
  }

  /** Per thread: the captured-state segment and a native buffer, made once, freed with the thread. */
  private static final class PerThread {
    final MemorySegment state = Arena.ofAuto().allocate(STATE_LAYOUT);
    MemorySegment buffer = Arena.ofAuto().allocate(SCRATCH_MIN, 16);
  }

  private static final long SCRATCH_MIN = 8192;
  private static final ThreadLocal<PerThread> PER_THREAD = ThreadLocal.withInitial(PerThread::new);

  /** This thread's captured-state segment: valid until this thread's next downcall. */
  static MemorySegment state() {
    return PER_THREAD.get().state;
  }

  /**
   * This thread's native buffer of at least {@code bytes} (contents undefined), for the argument
   * of one downcall made right after: a read(2) target, a write(2) source, a C string. Whoever
   * takes it makes no other call that takes it before being done with it.
   */
  static MemorySegment scratch(long bytes) {
    PerThread t = PER_THREAD.get();
    if (t.buffer.byteSize() < bytes) t.buffer = Arena.ofAuto().allocate(Math.max(bytes, 2 * t.buffer.byteSize()), 16);
    return t.buffer;
  }

  /** {@code s} as a NUL-terminated UTF-8 string in this thread's {@link #scratch} buffer. */
  static MemorySegment cString(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    MemorySegment seg = scratch(b.length + 1L);
    MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
    seg.set(ValueLayout.JAVA_BYTE, b.length, (byte) 0);
    return seg;
  }

  /** {@code s} as a NUL-terminated UTF-8 byte array (a heap argument of a critical downcall). */
  static byte[] cBytes(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Arrays.copyOf(b, b.length + 1);
  }

  /** The errno the kernel left in {@code state} during the last call made with it. */
  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** The exception for a failed call, typed by errno. */
  static NativeException failure(String call, MemorySegment state, String argument) {
    return NativeException.of(call, Errno.of(errno(state)), argument);
  }

  /**
   * Rethrows what a {@code try} around {@code invokeExact} caught: our own NativeException as is,
   * unchecked ones as they are. Use as {@code catch (Throwable t) { throw NativeCall.rethrow(t); }}.
   */
  static RuntimeException rethrow(Throwable t) throws NativeException {
    if (t instanceof NativeException ne) throw ne;
    throw unexpected(t);
  }

  /**
   * A Throwable from {@code invokeExact} that is not ours: the handle's type is fixed in this
   * package, so only an Error (out of memory, linkage) can reach here.
   */
  static RuntimeException unexpected(Throwable t) {
    if (t instanceof RuntimeException re) return re;
    if (t instanceof Error e) throw e;
    return new IllegalStateException("downcall failed unexpectedly", t);
  }

  static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
  static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
  static final java.lang.foreign.AddressLayout C_POINTER = ValueLayout.ADDRESS;
}

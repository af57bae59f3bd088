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

/**
 * The one place that owns errno: every libc downcall in this package is built here with
 * {@code captureCallState("errno")}, and its captured state is read back here. errno read through
 * any other route (a second downcall, {@code __errno_location}) is unreliable because the JVM may
 * run native code of its own between two downcalls.
 *
 * <p>Calling convention of the handles made here: the first argument is a segment of
 * {@link #STATE_LAYOUT} allocated in the caller's confined arena, then the C arguments.
 */
final class NativeCall {
  static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
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

  /** A downcall that cannot fail (getpid, strerror, clock_gettime on a valid clock). */
  static MethodHandle plain(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor);
  }

  /** A fresh captured-state segment in {@code arena}. */
  static MemorySegment state(Arena arena) {
    return arena.allocate(STATE_LAYOUT);
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

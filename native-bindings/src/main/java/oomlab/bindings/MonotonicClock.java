package oomlab.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * CLOCK_MONOTONIC in nanoseconds, the clock of /dev/kmsg timestamps (printk's local_clock is
 * CLOCK_MONOTONIC-based on x86 with a stable TSC) and of every oomlab event stamp.
 *
 * <p>{@link #nowNs()} is {@link System#nanoTime()}: on Linux HotSpot implements it with
 * clock_gettime(CLOCK_MONOTONIC) (os::javaTimeNanos), through the vDSO, so it costs no syscall.
 * {@link #clockGettimeNs()} calls clock_gettime directly; a test holds the two together.
 */
public final class MonotonicClock {
  private static final int CLOCK_MONOTONIC = 1;
  private static final MethodHandle CLOCK_GETTIME = NativeCall.plain(
      "clock_gettime", FunctionDescriptor.of(NativeCall.C_INT, NativeCall.C_INT, NativeCall.C_POINTER));

  private MonotonicClock() {}

  /** CLOCK_MONOTONIC now, in ns (System.nanoTime, see the class comment). */
  public static long nowNs() {
    return System.nanoTime();
  }

  /** CLOCK_MONOTONIC now, in ns, from clock_gettime(2) itself. */
  public static long clockGettimeNs() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ts = arena.allocate(16, 8); // struct timespec { time_t tv_sec; long tv_nsec; }
      int r = (int) CLOCK_GETTIME.invokeExact(CLOCK_MONOTONIC, ts);
      if (r != 0) throw new IllegalStateException("clock_gettime(CLOCK_MONOTONIC) failed");
      return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }
}

package oomlab.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * CLOCK_PROCESS_CPUTIME_ID: the CPU time of every thread of this process, in nanoseconds. The
 * same figure as {@code OperatingSystemMXBean.getProcessCpuTime()}, without starting the
 * management framework, which in a TCG guest costs the agent 0.4 s before its first scenario.
 */
public final class ProcessCpuClock {
  private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
  private static final MethodHandle CLOCK_GETTIME = NativeCall.plain(
      "clock_gettime", FunctionDescriptor.of(NativeCall.C_INT, NativeCall.C_INT, NativeCall.C_POINTER));

  private ProcessCpuClock() {}

  /** CPU time used so far by the whole process, in ns. */
  public static long nowNs() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ts = arena.allocate(16, 8); // struct timespec { time_t tv_sec; long tv_nsec; }
      int r = (int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, ts);
      if (r != 0) throw new IllegalStateException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
      return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }
}

package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * prctl(2), for the few options oomlab needs. Note that PR_SET_PDEATHSIG and the thread name are
 * per thread: the death signal fires when the *thread* that forked the child exits.
 */
public final class Prctl {
  public static final int PR_SET_PDEATHSIG = 1;
  public static final int PR_GET_PDEATHSIG = 2;
  public static final int PR_SET_NAME = 15;
  public static final int PR_GET_NAME = 16;
  public static final int PR_SET_CHILD_SUBREAPER = 36;
  public static final int PR_GET_CHILD_SUBREAPER = 37;

  // int prctl(int option, ...): the kernel takes four unsigned longs after option.
  private static final MethodHandle PRCTL = NativeCall.errnoCapturingVariadic(
      "prctl", FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_LONG, C_LONG, C_LONG), 1);

  private Prctl() {}

  /** The raw call; returns prctl's non-negative result. */
  public static int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws NativeException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      int r = (int) PRCTL.invokeExact(st, option, arg2, arg3, arg4, arg5);
      if (r < 0) throw NativeCall.failure("prctl", st, "option " + option + " arg2 " + arg2);
      return r;
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** Becomes the reaper of orphaned descendants, so a workload's grandchildren stay ours to kill and wait for. */
  public static void setChildSubreaper(boolean on) throws NativeException {
    prctl(PR_SET_CHILD_SUBREAPER, on ? 1 : 0, 0, 0, 0);
  }

  public static boolean isChildSubreaper() throws NativeException {
    return intOut(PR_GET_CHILD_SUBREAPER) != 0;
  }

  /** The calling thread's parent-death signal (0 = none). */
  public static void setParentDeathSignal(int signal) throws NativeException {
    prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
  }

  public static int parentDeathSignal() throws NativeException {
    return intOut(PR_GET_PDEATHSIG);
  }

  /** Names the calling thread (comm, at most 15 bytes): it shows in /proc and in OOM reports. */
  public static void setThreadName(String name) throws NativeException {
    try (Arena arena = Arena.ofConfined()) {
      prctl(PR_SET_NAME, arena.allocateFrom(name).address(), 0, 0, 0);
    }
  }

  public static String threadName() throws NativeException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(16);
      prctl(PR_GET_NAME, buf.address(), 0, 0, 0);
      return buf.getString(0, StandardCharsets.UTF_8);
    }
  }

  private static int intOut(int option) throws NativeException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
      prctl(option, out.address(), 0, 0, 0);
      return out.get(ValueLayout.JAVA_INT, 0);
    }
  }
}

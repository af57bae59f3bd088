package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * kill(2) and the process's identity (getpid, getppid, geteuid). Downcalls like the rest of the
 * bindings: errno comes from {@link NativeCall}'s captured state, never from a second call.
 */
public final class Posix {
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;
  public static final int SIGCONT = 18;
  public static final int SIGSTOP = 19;

  private static final MethodHandle KILL = NativeCall.errnoCapturing("kill", FunctionDescriptor.of(C_INT, C_INT, C_INT));
  private static final MethodHandle GETPID = NativeCall.plain("getpid", FunctionDescriptor.of(C_INT));
  private static final MethodHandle GETPPID = NativeCall.plain("getppid", FunctionDescriptor.of(C_INT));
  private static final MethodHandle GETEUID = NativeCall.plain("geteuid", FunctionDescriptor.of(C_INT));

  private Posix() {}

  /** kill(2); NoSuchProcess if {@code pid} is gone. Signal 0 checks existence. */
  public static void kill(int pid, int signal) throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      if ((int) KILL.invokeExact(st, pid, signal) < 0) throw NativeCall.failure("kill", st, "pid " + pid + " signal " + signal);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** Whether a process with {@code pid} exists (kill 0; EPERM still means it exists). */
  public static boolean isAlive(int pid) {
    try {
      kill(pid, 0);
      return true;
    } catch (NativeException.PermissionDenied e) {
      return true;
    } catch (NativeException e) {
      return false;
    }
  }

  public static int getpid() {
    return identity(GETPID);
  }

  public static int getppid() {
    return identity(GETPPID);
  }

  public static int geteuid() {
    return identity(GETEUID);
  }

  public static boolean isRoot() {
    return geteuid() == 0;
  }

  /** getpid, getppid, geteuid: "These functions are always successful." */
  private static int identity(MethodHandle call) {
    try {
      return (int) call.invokeExact();
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }
}

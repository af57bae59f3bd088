package oomlab.bindings;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Portable process calls through JNR-POSIX, the simpler API for these (no structs, no errno
 * plumbing of our own): errors still come back as typed {@link NativeException}s.
 */
public final class Posix {
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;
  public static final int SIGCONT = 18;
  public static final int SIGSTOP = 19;

  private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

  private Posix() {}

  /** kill(2); NoSuchProcess if {@code pid} is gone. Signal 0 checks existence. */
  public static void kill(int pid, int signal) throws NativeException {
    if (POSIX.kill(pid, signal) < 0) {
      throw NativeException.of("kill", Errno.of(POSIX.errno()), "pid " + pid + " signal " + signal);
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
    return POSIX.getpid();
  }

  public static int getppid() {
    return POSIX.getppid();
  }

  public static int geteuid() {
    return POSIX.geteuid();
  }

  public static boolean isRoot() {
    return geteuid() == 0;
  }
}

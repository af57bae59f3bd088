package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * pidfd_open(2) and pidfd_send_signal(2): a handle on one process that stays bound to it even after
 * its pid is reused, so an agent that kills a workload never hits a stranger that got the number.
 * A pidfd polls readable (POLLIN) when its process exits, and a parent reaps its child through it
 * with waitid(2) {@code P_PIDFD} (5.4+), without a race on the pid.
 */
public final class Pidfd {
  private static final MethodHandle OPEN =
      NativeCall.errnoCapturing("pidfd_open", FunctionDescriptor.of(C_INT, C_INT, C_INT));
  private static final MethodHandle SEND_SIGNAL = NativeCall.errnoCapturing(
      "pidfd_send_signal", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_POINTER, C_INT));

  // waitid(2): idtype_t P_PIDFD, options WEXITED and WNOHANG (include/uapi/linux/wait.h)
  private static final MethodHandle WAITID = NativeCall.errnoCapturing(
      "waitid", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_POINTER, C_INT));
  private static final int P_PIDFD = 3;
  private static final int WEXITED = 4;
  private static final int WNOHANG = 1;
  // siginfo_t of SIGCHLD on 64-bit Linux: si_signo, si_errno, si_code, then (8-aligned) si_pid,
  // si_uid, si_status; 128 bytes in all. si_code CLD_EXITED: si_status is the exit code, else the signal.
  private static final long SIGINFO_SIZE = 128;
  private static final long SI_CODE = 8;
  private static final long SI_PID = 16;
  private static final long SI_STATUS = 24;
  private static final int CLD_EXITED = 1;

  private Pidfd() {}

  /**
   * How a child ended, from waitid's siginfo.
   *
   * @param exitCode the exit status if it exited, else -1
   * @param signal   the signal that killed it, else 0
   */
  public record ChildExit(int pid, int exitCode, int signal) {
    public boolean bySignal() {
      return signal > 0;
    }
  }

  /**
   * Waits for the pidfd's process, a child of this process, to exit, and reaps it:
   * {@code waitid(P_PIDFD, pidfd, &info, WEXITED)}, EINTR retried. Blocks the calling thread.
   *
   * @throws NativeException.NotAChild if it is not this process's child, or was reaped already
   */
  public static ChildExit awaitAndReap(Fd pidfd) throws IOException {
    return waitid(pidfd, WEXITED).orElseThrow();
  }

  /** Like {@link #awaitAndReap} with WNOHANG: empty while the child still runs. */
  public static java.util.Optional<ChildExit> reapIfExited(Fd pidfd) throws IOException {
    return waitid(pidfd, WEXITED | WNOHANG);
  }

  private static java.util.Optional<ChildExit> waitid(Fd pidfd, int options) throws IOException {
    ChildExit[] out = new ChildExit[1];
    pidfd.useInt(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        MemorySegment info = arena.allocate(SIGINFO_SIZE, 8); // zeroed: si_pid stays 0 if WNOHANG found nothing
        while (true) {
          int r = (int) WAITID.invokeExact(st, P_PIDFD, n, info, options);
          if (r == 0) break;
          if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("waitid", st, pidfd.toString());
        }
        int pid = info.get(ValueLayout.JAVA_INT, SI_PID);
        if (pid != 0) {
          int status = info.get(ValueLayout.JAVA_INT, SI_STATUS);
          out[0] = info.get(ValueLayout.JAVA_INT, SI_CODE) == CLD_EXITED
              ? new ChildExit(pid, status, 0) : new ChildExit(pid, -1, status);
        }
        return 0;
      } catch (Throwable t) {
        throw NativeCall.rethrow(t);
      }
    });
    return java.util.Optional.ofNullable(out[0]);
  }

  /** A pidfd for {@code pid}; NoSuchProcess if it is gone (or a zombie already reaped). */
  public static Fd open(int pid) throws NativeException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      int n = (int) OPEN.invokeExact(st, pid, 0);
      if (n < 0) throw NativeCall.failure("pidfd_open", st, "pid " + pid);
      return Fd.adopt(n, "pidfd " + pid);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** Sends {@code signal} to the pidfd's process; NoSuchProcess once it has exited. */
  public static void sendSignal(Fd pidfd, int signal) throws IOException {
    pidfd.useInt(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        int r = (int) SEND_SIGNAL.invokeExact(st, n, signal, MemorySegment.NULL, 0);
        if (r < 0) throw NativeCall.failure("pidfd_send_signal", st, pidfd + " signal " + signal);
        return r;
      } catch (Throwable t) {
        throw NativeCall.rethrow(t);
      }
    });
  }

  /** Waits up to {@code timeoutMs} for the process to exit; true if it has. */
  public static boolean awaitExit(Fd pidfd, int timeoutMs) throws IOException {
    return (Poll.poll(pidfd, Poll.POLLIN, timeoutMs) & Poll.POLLIN) != 0;
  }
}

package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * pidfd_open(2) and pidfd_send_signal(2): a handle on one process that stays bound to it even after
 * its pid is reused, so an agent that kills a workload never hits a stranger that got the number.
 * A pidfd polls readable (POLLIN) when its process exits.
 */
public final class Pidfd {
  private static final MethodHandle OPEN =
      NativeCall.errnoCapturing("pidfd_open", FunctionDescriptor.of(C_INT, C_INT, C_INT));
  private static final MethodHandle SEND_SIGNAL = NativeCall.errnoCapturing(
      "pidfd_send_signal", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_POINTER, C_INT));

  private Pidfd() {}

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

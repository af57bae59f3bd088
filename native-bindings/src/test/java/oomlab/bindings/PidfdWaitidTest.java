package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/**
 * waitid(P_PIDFD) on real children. They are spawned with posix_spawnp, not ProcessBuilder: the
 * JDK reaps the processes it starts itself (waitpid on each), which would race with the reaping
 * under test.
 */
class PidfdWaitidTest {
  private static final MethodHandle POSIX_SPAWNP = NativeCall.LINKER.downcallHandle(
      NativeCall.LINKER.defaultLookup().findOrThrow("posix_spawnp"),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
          ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

  @Test
  void reapsAChildKilledBySignalOnceAndOnlyOnce() throws Throwable {
    int pid = spawn("sleep", "60");
    try (Fd pidfd = Pidfd.open(pid)) {
      assertThat(Pidfd.reapIfExited(pidfd)).isEmpty();
      Pidfd.sendSignal(pidfd, Posix.SIGKILL);

      assertThat(Pidfd.awaitAndReap(pidfd)).isEqualTo(new Pidfd.ChildExit(pid, -1, Posix.SIGKILL));
      assertThatThrownBy(() -> Pidfd.reapIfExited(pidfd)).isInstanceOf(NativeException.NotAChild.class)
          .hasMessageStartingWith("waitid " + pidfd + ": ECHILD");
    }
  }

  @Test
  void reportsTheExitCodeOfAChildThatExited() throws Throwable {
    int pid = spawn("sh", "-c", "exit 7");
    try (Fd pidfd = Pidfd.open(pid)) {
      Pidfd.ChildExit exit = Pidfd.awaitAndReap(pidfd);

      assertThat(exit).isEqualTo(new Pidfd.ChildExit(pid, 7, 0));
      assertThat(exit.bySignal()).isFalse();
    }
  }

  @Test
  void aProcessThatIsNotOurChildCannotBeReaped() throws Exception {
    try (Fd pidfd = Pidfd.open(1)) {
      assertThatThrownBy(() -> Pidfd.reapIfExited(pidfd)).isInstanceOf(NativeException.NotAChild.class);
    }
  }

  /** posix_spawnp(argv[0], argv) with this process's environment; the child's pid. */
  private static int spawn(String... argv) throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment args = arena.allocate(ValueLayout.ADDRESS, argv.length + 1);
      for (int i = 0; i < argv.length; i++) args.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(argv[i]));
      MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
      MemorySegment envp = arena.allocate(ValueLayout.ADDRESS); // empty environment: PATH defaults apply
      int r = (int) POSIX_SPAWNP.invokeExact(pid, args.getAtIndex(ValueLayout.ADDRESS, 0), MemorySegment.NULL,
          MemorySegment.NULL, args, envp);
      assertThat(r).as("posix_spawnp " + argv[0]).isZero();
      return pid.get(ValueLayout.JAVA_INT, 0);
    }
  }
}

package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * posix_spawn(3) of a program with pipes on its stdin and stdout and /dev/null on its stderr: one
 * clone(CLONE_VM | CLONE_VFORK) and one exec of the program itself. The JDK's ProcessBuilder
 * takes two execs (its jspawnhelper first, then the program), and then a reaper thread of its own
 * per child. Here the child comes with a pidfd, opened while it cannot yet have been reaped, to
 * wait for it and signal it without a race on its pid.
 *
 * <p>The child starts with an empty signal mask (a JVM thread blocks SIGQUIT, which exec would
 * keep) and only fds 0, 1, 2 open (closefrom(3) as a spawn action, glibc 2.34+). It is a child of
 * the calling thread: PR_SET_PDEATHSIG in the child fires when that thread exits.
 */
public final class Spawn {
  private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final long SIGSET_BYTES = 128;
  // glibc's posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336 bytes) on 64-bit
  // Linux, with room to spare: both are opaque and only ever passed by pointer.
  private static final long FILE_ACTIONS_BYTES = 256;
  private static final long ATTR_BYTES = 1024;

  private static final MethodHandle PIPE2 =
      NativeCall.errnoCapturing("pipe2", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
  // These return an error number instead of setting errno.
  private static final MethodHandle FA_INIT =
      NativeCall.plain("posix_spawn_file_actions_init", FunctionDescriptor.of(C_INT, C_POINTER));
  private static final MethodHandle FA_DESTROY =
      NativeCall.plain("posix_spawn_file_actions_destroy", FunctionDescriptor.of(C_INT, C_POINTER));
  private static final MethodHandle FA_DUP2 =
      NativeCall.plain("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT));
  private static final MethodHandle FA_OPEN = NativeCall.plain("posix_spawn_file_actions_addopen",
      FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_POINTER, C_INT, C_INT));
  private static final MethodHandle FA_CLOSEFROM =
      NativeCall.plain("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
  private static final MethodHandle ATTR_INIT =
      NativeCall.plain("posix_spawnattr_init", FunctionDescriptor.of(C_INT, C_POINTER));
  private static final MethodHandle ATTR_DESTROY =
      NativeCall.plain("posix_spawnattr_destroy", FunctionDescriptor.of(C_INT, C_POINTER));
  private static final MethodHandle ATTR_SETFLAGS =
      NativeCall.plain("posix_spawnattr_setflags", FunctionDescriptor.of(C_INT, C_POINTER, ValueLayout.JAVA_SHORT));
  private static final MethodHandle ATTR_SETSIGMASK =
      NativeCall.plain("posix_spawnattr_setsigmask", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
  private static final MethodHandle SPAWN = NativeCall.plain("posix_spawn",
      FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER));
  /** {@code char **environ}: the child gets this process's environment, as ProcessBuilder's does. */
  private static final MemorySegment ENVIRON = NativeCall.LINKER.defaultLookup().findOrThrow("environ")
      .reinterpret(ValueLayout.ADDRESS.byteSize());

  private Spawn() {}

  /**
   * A started child: its pid, a pidfd on it, the write end of its stdin and the read end of its
   * stdout. The caller owns the three fds; the child is unreaped until someone waits on the pidfd.
   */
  public record Child(int pid, Fd pidfd, Fd stdin, Fd stdout) {}

  /** Starts {@code argv} ({@code argv[0]} is the program's path); a failed exec is the NativeException. */
  public static Child spawn(List<String> argv) throws NativeException {
    if (argv.isEmpty()) throw new IllegalArgumentException("no program");
    try (Arena arena = Arena.ofConfined()) {
      int[] in = pipe(arena);
      int[] out;
      try {
        out = pipe(arena);
      } catch (NativeException e) {
        closeAll(in);
        throw e;
      }
      int pid;
      try {
        pid = spawn(arena, argv, in[0], out[1]);
      } catch (NativeException | RuntimeException e) {
        closeAll(in);
        closeAll(out);
        throw e;
      }
      Fd.adopt(in[0], "pipe").close();
      Fd.adopt(out[1], "pipe").close();
      String name = argv.getFirst();
      Fd stdin = Fd.adopt(in[1], "stdin of " + name + " (pid " + pid + ")");
      Fd stdout = Fd.adopt(out[0], "stdout of " + name + " (pid " + pid + ")");
      try {
        return new Child(pid, Pidfd.open(pid), stdin, stdout);
      } catch (NativeException e) {
        stdin.close();
        stdout.close();
        throw e;
      }
    }
  }

  private static int spawn(Arena arena, List<String> argv, int stdinRead, int stdoutWrite) throws NativeException {
    MemorySegment actions = arena.allocate(FILE_ACTIONS_BYTES, 16);
    MemorySegment attr = arena.allocate(ATTR_BYTES, 16);
    MemorySegment pid = arena.allocate(C_INT);
    MemorySegment args = arena.allocate(ValueLayout.ADDRESS, argv.size() + 1L);
    for (int i = 0; i < argv.size(); i++) args.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(argv.get(i)));
    args.setAtIndex(ValueLayout.ADDRESS, argv.size(), MemorySegment.NULL);
    try {
      check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
      try {
        check("posix_spawn_file_actions_adddup2", (int) FA_DUP2.invokeExact(actions, stdinRead, 0));
        check("posix_spawn_file_actions_adddup2", (int) FA_DUP2.invokeExact(actions, stdoutWrite, 1));
        check("posix_spawn_file_actions_addopen",
            (int) FA_OPEN.invokeExact(actions, 2, arena.allocateFrom("/dev/null"), FileIo.O_WRONLY, 0));
        check("posix_spawn_file_actions_addclosefrom_np", (int) FA_CLOSEFROM.invokeExact(actions, 3));
        check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
        try {
          check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr, (short) POSIX_SPAWN_SETSIGMASK));
          check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.invokeExact(attr, arena.allocate(SIGSET_BYTES, 8)));
          MemorySegment env = ENVIRON.get(ValueLayout.ADDRESS, 0);
          int r = (int) SPAWN.invokeExact(pid, args.getAtIndex(ValueLayout.ADDRESS, 0), actions, attr, args, env);
          if (r != 0) throw NativeException.of("posix_spawn", Errno.of(r), argv.getFirst());
          return pid.get(C_INT, 0);
        } finally {
          int unused = (int) ATTR_DESTROY.invokeExact(attr);
        }
      } finally {
        int unused = (int) FA_DESTROY.invokeExact(actions);
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  private static void check(String call, int r) throws NativeException {
    if (r != 0) throw NativeException.of(call, Errno.of(r), "");
  }

  private static int[] pipe(Arena arena) throws NativeException {
    MemorySegment fds = arena.allocate(C_INT, 2);
    try {
      MemorySegment st = NativeCall.state();
      if ((int) PIPE2.invokeExact(st, fds, FileIo.O_CLOEXEC) != 0) throw NativeCall.failure("pipe2", st, "O_CLOEXEC");
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
    return new int[] {fds.getAtIndex(C_INT, 0), fds.getAtIndex(C_INT, 1)};
  }

  private static void closeAll(int[] fds) {
    for (int fd : fds) Fd.adopt(fd, "pipe").close();
  }
}

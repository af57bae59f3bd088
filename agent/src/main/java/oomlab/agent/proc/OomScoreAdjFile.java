package oomlab.agent.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import oomlab.bindings.Fd;
import oomlab.bindings.FileIo;
import oomlab.bindings.KernelPath;
import oomlab.bindings.NativeException;

/**
 * {@code /proc/PID/oom_score_adj} of one process, written as often as needed through one open fd:
 * the kernel takes every write as a new value (oom_score_adj_write ignores the file position and
 * finds the task from the inode at each write), so only the first write pays for open(2)'s path
 * walk, and the writes are pwrite(2)s ({@link FileIo#pwriteQuick}: no f_pos_lock). The fd stays bound to that process: once it has exited a write fails with ESRCH,
 * where reopening by pid could reach a process that got the number since. open, write and close
 * are critical downcalls ({@link FileIo#openQuick}): __set_oom_adj does not sleep beyond a mutex
 * (and, for a shared mm, a walk of the process list under RCU).
 */
public final class OomScoreAdjFile implements AutoCloseable {
  private final long pid;
  private final KernelPath path;
  private final Fd fd;

  private OomScoreAdjFile(long pid, KernelPath path, Fd fd) {
    this.pid = pid;
    this.path = path;
    this.fd = fd;
  }

  /** Opens the file of process {@code pid}; NoSuchFile once it is gone. */
  public static OomScoreAdjFile open(long pid) throws IOException {
    KernelPath path = pathOf(pid);
    return new OomScoreAdjFile(pid, path, FileIo.openQuick(path, FileIo.O_WRONLY));
  }

  /** The last path made, kept: a writer setting one process's adj again and again builds it once. */
  private static volatile PidPath last = new PidPath(-1, null);

  private record PidPath(long pid, KernelPath path) {}

  static KernelPath pathOf(long pid) {
    PidPath l = last;
    if (l.pid() == pid) return l.path();
    KernelPath p = KernelPath.of("/proc/" + pid + "/oom_score_adj");
    last = new PidPath(pid, p);
    return p;
  }

  /** Writes {@code adj} (-1000..1000); as {@link ProcFs#setOomScoreAdj} for the errors. */
  public void write(int adj) throws IOException {
    write(fd, path, pid, adj, true);
  }

  /**
   * One write of {@code adj} to an open oom_score_adj fd ({@code positional}: pwrite at 0, for an
   * fd written again and again), errors as ProcFs documents them.
   */
  static void write(Fd fd, KernelPath path, long pid, int adj, boolean positional) throws IOException {
    byte[] text = AdjText.of(adj);
    try {
      int n = positional ? FileIo.pwriteQuick(fd, text, path) : FileIo.writeQuick(fd, text, 0, text.length, path);
      if (n != text.length) throw new IOException("write " + path + " \"" + adj + "\": short write, " + n + " of " + text.length + " bytes");
    } catch (NativeException e) {
      // The message names the value only now, so that a write that succeeds builds no string.
      NativeException named = NativeException.of(e.call(), e.errno(), path + " \"" + adj + "\"");
      if (adj < 0 && named instanceof NativeException.PermissionDenied) {
        throw new MissingCapabilityException("CAP_SYS_RESOURCE",
            "root lacks CAP_SYS_RESOURCE, so oom_score_adj below 0 cannot be set on this machine (pid " + pid + ", adj " + adj + ")", named);
      }
      throw named;
    }
  }

  @Override
  public void close() {
    fd.close();
  }

  /** The decimal text of every valid adj, made once: a write builds no string. */
  private static final class AdjText {
    private static final byte[][] TEXT = new byte[2001][];

    static {
      for (int adj = -1000; adj <= 1000; adj++) TEXT[adj + 1000] = Integer.toString(adj).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] of(int adj) {
      if (adj < -1000 || adj > 1000) throw new IllegalArgumentException("oom_score_adj must be in -1000..1000, got " + adj);
      return TEXT[adj + 1000];
    }
  }
}

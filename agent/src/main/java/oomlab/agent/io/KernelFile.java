package oomlab.agent.io;

import java.io.IOException;
import java.nio.file.Path;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import oomlab.bindings.Errno;
import oomlab.bindings.NativeException;
import oomlab.bindings.SysFs;

/**
 * The one place where the agent reads and writes kernel pseudo-files (cgroupfs, procfs) and
 * creates or removes cgroup directories. Each write is one {@code write(2)} of the whole value, as
 * cgroupfs parses each write separately; failures are the bindings' errno-typed {@link
 * NativeException}s ({@code write .../memory.limit_in_bytes "1048576": EBUSY (Device or resource
 * busy)}), so callers catch {@link NativeException.Busy} and friends or use the predicates below.
 */
public final class KernelFile {
  // mkdir/rmdir are not in oomlab.bindings: JNR-POSIX is the simpler API for them (no structs).
  private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

  private KernelFile() {}

  /** The whole file as text. */
  public static String read(Path path) throws IOException {
    return SysFs.readString(path);
  }

  /** Writes {@code value} in one write call; the file must exist (kernel files are never created). */
  public static void write(Path path, String value) throws IOException {
    SysFs.writeString(path, value);
  }

  /** mkdir(2) with mode 0755: creates a cgroup; the kernel populates its control files. */
  public static void mkdir(Path dir) throws IOException {
    if (POSIX.mkdir(dir.toString(), 0755) < 0) {
      throw NativeException.of("mkdir", Errno.of(POSIX.errno()), dir.toString());
    }
  }

  /** rmdir(2): removes a cgroup without tasks or children (EBUSY otherwise). */
  public static void rmdir(Path dir) throws IOException {
    if (POSIX.rmdir(dir.toString()) < 0) {
      throw NativeException.of("rmdir", Errno.of(POSIX.errno()), dir.toString());
    }
  }

  /** ENOENT: the file, or the cgroup holding it, is gone. */
  public static boolean isNoSuchFile(IOException e) {
    return e instanceof NativeException.NoSuchFile;
  }

  /** EBUSY: a v1 limit below usage that reclaim could not meet, rmdir of a populated cgroup. */
  public static boolean isBusy(IOException e) {
    return e instanceof NativeException.Busy;
  }

  /** EACCES or EPERM: a missing capability (CAP_SYS_RESOURCE for a negative oom_score_adj). */
  public static boolean isPermissionDenied(IOException e) {
    return e instanceof NativeException.PermissionDenied;
  }

  /** EINVAL: the kernel rejected the value. */
  public static boolean isInvalidArgument(IOException e) {
    return e instanceof NativeException.InvalidArgument;
  }

  /** EEXIST: mkdir of a cgroup that exists (another process created it first). */
  public static boolean isAlreadyExists(IOException e) {
    return e instanceof NativeException ne && ne.errno().equals(Errno.EEXIST);
  }
}

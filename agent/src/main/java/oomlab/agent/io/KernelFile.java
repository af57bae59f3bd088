package oomlab.agent.io;

import java.io.IOException;
import java.nio.file.Path;
import oomlab.bindings.Errno;
import oomlab.bindings.FileIo;
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
    // FFM, not JNR-POSIX: loading JNR (jffi's stub extraction, ASM proxies) cost a cold run
    // about a second of its 2 s budget.
    FileIo.mkdir(dir, 0755);
  }

  /** rmdir(2): removes a cgroup without tasks or children (EBUSY otherwise). */
  public static void rmdir(Path dir) throws IOException {
    FileIo.rmdir(dir);
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

package oomlab.bindings;

import java.io.IOException;

/**
 * A failed system call: the call, the errno and the argument it failed on. It is an
 * {@link IOException} because every caller of these bindings is doing I/O on kernel files and fds
 * and already handles IOException; callers that branch on the cause catch a nested subclass
 * ({@code catch (NativeException.Busy e)}), never compare ints.
 *
 * <p>Message: {@code open /sys/fs/cgroup/memory/oomlab/A/memory.oom_control: ENOENT (No such file or
 * directory)}, i.e. call, argument, errno name and strerror text, the shape a kernel engineer greps for.
 * errno is mapped to a subclass once, in {@link #of}.
 */
public class NativeException extends IOException {
  private final String call;
  private final Errno errno;
  private final String argument;

  NativeException(String call, Errno errno, String argument) {
    super(call + (argument == null || argument.isEmpty() ? "" : " " + argument) + ": " + errno);
    this.call = call;
    this.errno = errno;
    this.argument = argument;
  }

  /** The exception for {@code call} failing with {@code errno} on {@code argument} (a path, an fd, a value). */
  public static NativeException of(String call, Errno errno, String argument) {
    return switch (errno.name()) {
      case "ENOENT" -> new NoSuchFile(call, errno, argument);
      case "EBUSY" -> new Busy(call, errno, argument);
      case "EACCES", "EPERM" -> new PermissionDenied(call, errno, argument);
      case "ENOMEM" -> new OutOfMemory(call, errno, argument);
      case "EINTR" -> new Interrupted(call, errno, argument);
      case "EBADF" -> new BadFd(call, errno, argument);
      case "EINVAL" -> new InvalidArgument(call, errno, argument);
      case "ESRCH" -> new NoSuchProcess(call, errno, argument);
      case "EPIPE" -> new BrokenPipe(call, errno, argument);
      case "EAGAIN" -> new WouldBlock(call, errno, argument);
      case "ECHILD" -> new NotAChild(call, errno, argument);
      default -> new NativeException(call, errno, argument);
    };
  }

  /** The C function that failed, e.g. {@code open}, {@code write}, {@code epoll_ctl}. */
  public String call() {
    return call;
  }

  public Errno errno() {
    return errno;
  }

  /** What the call was applied to (path, {@code fd 7 (eventfd)}, written value); may be empty. */
  public String argument() {
    return argument;
  }

  /** ENOENT: the file or cgroup does not exist (a removed cgroup's files, a missing control file). */
  public static final class NoSuchFile extends NativeException {
    NoSuchFile(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** EBUSY: e.g. a memcg limit below current usage that reclaim could not meet, rmdir of a cgroup with tasks. */
  public static final class Busy extends NativeException {
    Busy(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** EACCES or EPERM: not root, or missing a capability (CAP_SYS_RESOURCE for negative oom_score_adj). */
  public static final class PermissionDenied extends NativeException {
    PermissionDenied(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** ENOMEM: the kernel refused memory (mmap, mlock, or a memcg charge failing a write). */
  public static final class OutOfMemory extends NativeException {
    OutOfMemory(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** EINTR where the call is not restartable by these bindings. */
  public static final class Interrupted extends NativeException {
    Interrupted(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** EBADF: the kernel rejected an fd number (our own closed fds never reach the kernel: see {@link FdClosedException}). */
  public static final class BadFd extends NativeException {
    BadFd(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** EINVAL: the kernel rejected a value (e.g. a malformed limit, an unknown pressure level). */
  public static final class InvalidArgument extends NativeException {
    InvalidArgument(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** ESRCH: the process is gone (kill, pidfd_open, pidfd_send_signal). */
  public static final class NoSuchProcess extends NativeException {
    NoSuchProcess(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** EPIPE: on /dev/kmsg, records were overwritten before we read them. */
  public static final class BrokenPipe extends NativeException {
    BrokenPipe(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /**
   * EAGAIN from a call where the bindings do not treat it as a normal result. Non-blocking reads
   * return "no data" instead of throwing this.
   */
  public static final class WouldBlock extends NativeException {
    WouldBlock(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }

  /** ECHILD: waitid on a process that is not a child of the caller, or one already reaped. */
  public static final class NotAChild extends NativeException {
    NotAChild(String call, Errno errno, String argument) {
      super(call, errno, argument);
    }
  }
}

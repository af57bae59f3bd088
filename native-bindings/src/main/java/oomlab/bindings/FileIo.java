package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_LONG;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * open(2), read(2), write(2), lseek(2) on {@link Fd}s. Unlike java.io these hand the kernel's
 * answer back unchanged: one read(2) per {@link #read} (a /dev/kmsg record, an 8-byte eventfd
 * counter), one write(2) per {@link #write} (cgroup files take a value per write), and errno as a
 * typed {@link NativeException}. EINTR is retried; EAGAIN on read is "no data" ({@link #NO_DATA}).
 */
public final class FileIo {
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_RDWR = 2;
  public static final int O_CREAT = 0100;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_CLOEXEC = 02000000;

  public static final int SEEK_SET = 0;
  public static final int SEEK_CUR = 1;
  public static final int SEEK_END = 2;

  /** Returned by {@link #read} when a non-blocking fd has nothing to read (EAGAIN). */
  public static final int NO_DATA = -1;

  private static final MethodHandle OPEN = NativeCall.errnoCapturingVariadic(
      "open", FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT), 2);
  private static final MethodHandle READ =
      NativeCall.errnoCapturing("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
  private static final MethodHandle WRITE =
      NativeCall.errnoCapturing("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
  private static final MethodHandle LSEEK =
      NativeCall.errnoCapturing("lseek", FunctionDescriptor.of(C_LONG, C_INT, C_LONG, C_INT));

  // The quick variants (NativeCall.errnoCapturingCritical): heap arrays passed as they are.
  private static final MethodHandle OPEN_QUICK = NativeCall.errnoCapturingCriticalVariadic(
      "open", FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT), 2);
  private static final MethodHandle READ_QUICK =
      NativeCall.errnoCapturingCritical("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
  private static final MethodHandle WRITE_QUICK =
      NativeCall.errnoCapturingCritical("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
  private static final MethodHandle PWRITE_QUICK =
      NativeCall.errnoCapturingCritical("pwrite", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_LONG));

  private static final MethodHandle MKDIR =
      NativeCall.errnoCapturing("mkdir", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
  private static final MethodHandle RMDIR =
      NativeCall.errnoCapturing("rmdir", FunctionDescriptor.of(C_INT, C_POINTER));

  private FileIo() {}

  /** mkdir(2): in cgroupfs, creates a cgroup (the kernel populates its control files). */
  public static void mkdir(Path dir, int mode) throws NativeException {
    String p = dir.toString();
    try {
      MemorySegment st = NativeCall.state();
      if ((int) MKDIR.invokeExact(st, NativeCall.cString(p), mode) != 0) throw NativeCall.failure("mkdir", st, p);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** rmdir(2): in cgroupfs, removes a cgroup without tasks or children (EBUSY otherwise). */
  public static void rmdir(Path dir) throws NativeException {
    String p = dir.toString();
    try {
      MemorySegment st = NativeCall.state();
      if ((int) RMDIR.invokeExact(st, NativeCall.cString(p)) != 0) throw NativeCall.failure("rmdir", st, p);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** open(2) with O_CLOEXEC always added (our fds must not leak into workloads we start). */
  public static Fd open(Path path, int flags) throws NativeException {
    return open(path, flags, 0644);
  }

  public static Fd open(Path path, int flags, int mode) throws NativeException {
    String p = path.toString();
    try {
      MemorySegment st = NativeCall.state();
      MemorySegment cPath = NativeCall.cString(p);
      while (true) {
        int fd = (int) OPEN.invokeExact(st, cPath, flags | O_CLOEXEC, mode);
        if (fd >= 0) return Fd.adopt(fd, p);
        if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("open", st, p);
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /**
   * open(2) of an existing file as a critical downcall, for files whose open never waits for I/O
   * or for another process: procfs per-process files such as {@code /proc/PID/oom_score_adj}. The
   * fd is closed the same way. Not for files on disk, 9p or cgroup control files.
   */
  public static Fd openQuick(KernelPath path, int flags) throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      MemorySegment cPath = MemorySegment.ofArray(path.cBytes());
      while (true) {
        int fd = (int) OPEN_QUICK.invokeExact(st, cPath, flags | O_CLOEXEC, 0);
        if (fd >= 0) return Fd.adoptQuick(fd, path);
        if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("open", st, path.toString());
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /**
   * One read(2) of up to {@code len} bytes into {@code buf[off..]}: the byte count (0 = end of
   * file), or {@link #NO_DATA} when a non-blocking fd would block.
   */
  public static int read(Fd fd, byte[] buf, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    int n = fd.acquire();
    try {
      MemorySegment seg = NativeCall.scratch(Math.max(1, len));
      long r = readInto(n, seg, len, fd);
      if (r > 0) MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, buf, off, (int) r);
      return (int) r;
    } finally {
      fd.release();
    }
  }

  /** One read(2) into native memory; used by the bindings that read binary structs. */
  static long read(Fd fd, MemorySegment seg) throws IOException {
    int n = fd.acquire();
    try {
      return readInto(n, seg, seg.byteSize(), fd);
    } finally {
      fd.release();
    }
  }

  private static long readInto(int n, MemorySegment seg, long len, Fd fd) throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      while (true) {
        long r = (long) READ.invokeExact(st, n, seg, len);
        if (r >= 0) return r;
        int e = NativeCall.errno(st);
        if (e == Errno.EAGAIN.number()) return NO_DATA;
        if (e != Errno.EINTR.number()) throw NativeCall.failure("read", st, fd.toString());
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /**
   * One read(2) as a critical downcall into {@code seg} (a heap segment too), for reads that never
   * block: a non-blocking eventfd. Returns like {@link #read(Fd, byte[], int, int)}.
   */
  static long readQuick(Fd fd, MemorySegment seg) throws IOException {
    int n = fd.acquire();
    try {
      MemorySegment st = NativeCall.state();
      while (true) {
        long r = (long) READ_QUICK.invokeExact(st, n, seg, seg.byteSize());
        if (r >= 0) return r;
        int e = NativeCall.errno(st);
        if (e == Errno.EAGAIN.number()) return NO_DATA;
        if (e != Errno.EINTR.number()) throw NativeCall.failure("read", st, fd.toString());
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    } finally {
      fd.release();
    }
  }

  /**
   * One write(2) of {@code buf[off..off+len)}; returns the count written. {@code argument} is what
   * a failure message names (e.g. a cgroup file and the value written); null names the fd.
   */
  public static int write(Fd fd, byte[] buf, int off, int len, String argument) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    int n = fd.acquire();
    try {
      MemorySegment seg = NativeCall.scratch(Math.max(1, len));
      MemorySegment.copy(buf, off, seg, ValueLayout.JAVA_BYTE, 0, len);
      return (int) writeFrom(n, seg, len, argument == null ? fd : argument);
    } finally {
      fd.release();
    }
  }

  /** One write(2) from native memory; used by the bindings that write binary structs. */
  static long write(Fd fd, MemorySegment seg) throws IOException {
    int n = fd.acquire();
    try {
      return writeFrom(n, seg, seg.byteSize(), fd);
    } finally {
      fd.release();
    }
  }

  private static long writeFrom(int n, MemorySegment seg, long len, Object argument) throws NativeException {
    try {
      MemorySegment st = NativeCall.state();
      while (true) {
        long r = (long) WRITE.invokeExact(st, n, seg, len);
        if (r >= 0) return r;
        if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("write", st, String.valueOf(argument));
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /**
   * One write(2) of {@code buf[off..off+len)} as a critical downcall, straight from the array, for
   * writes the kernel handles without sleeping: {@code /proc/PID/oom_score_adj}, a non-blocking
   * eventfd. {@code argument} names the write in a failure message ({@code toString()} is called
   * only then); null names the fd.
   */
  public static int writeQuick(Fd fd, byte[] buf, int off, int len, Object argument) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    MemorySegment seg = MemorySegment.ofArray(buf);
    return (int) writeQuick(fd, off == 0 && len == buf.length ? seg : seg.asSlice(off, len), argument);
  }

  static long writeQuick(Fd fd, MemorySegment seg, Object argument) throws IOException {
    int n = fd.acquire();
    try {
      MemorySegment st = NativeCall.state();
      while (true) {
        long r = (long) WRITE_QUICK.invokeExact(st, n, seg, seg.byteSize());
        if (r >= 0) return r;
        if (NativeCall.errno(st) != Errno.EINTR.number()) {
          throw NativeCall.failure("write", st, String.valueOf(argument == null ? fd : argument));
        }
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    } finally {
      fd.release();
    }
  }

  /**
   * One pwrite(2) at offset 0 of all of {@code buf} as a critical downcall, for a kernel file that
   * takes every write as a whole new value whatever the position ({@code /proc/PID/oom_score_adj})
   * and is written again and again through one fd. pwrite rather than write: in a process with
   * more than one thread (every JVM) write(2) takes the file's f_pos_lock (fdget_pos), pwrite(2)
   * leaves the position alone. A failure names {@code argument} (null: the fd).
   */
  public static int pwriteQuick(Fd fd, byte[] buf, Object argument) throws IOException {
    int n = fd.acquire();
    try {
      MemorySegment st = NativeCall.state();
      MemorySegment seg = MemorySegment.ofArray(buf);
      while (true) {
        long r = (long) PWRITE_QUICK.invokeExact(st, n, seg, (long) buf.length, 0L);
        if (r >= 0) return (int) r;
        if (NativeCall.errno(st) != Errno.EINTR.number()) {
          throw NativeCall.failure("pwrite", st, String.valueOf(argument == null ? fd : argument));
        }
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    } finally {
      fd.release();
    }
  }

  /** lseek(2): the new offset. */
  public static long lseek(Fd fd, long offset, int whence) throws IOException {
    int n = fd.acquire();
    try {
      MemorySegment st = NativeCall.state();
      long r = (long) LSEEK.invokeExact(st, n, offset, whence);
      if (r < 0) throw NativeCall.failure("lseek", st, fd + " offset " + offset + " whence " + whence);
      return r;
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    } finally {
      fd.release();
    }
  }
}

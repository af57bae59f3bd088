package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_LONG;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.io.IOException;
import java.lang.foreign.Arena;
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

  private static final MethodHandle MKDIR =
      NativeCall.errnoCapturing("mkdir", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
  private static final MethodHandle RMDIR =
      NativeCall.errnoCapturing("rmdir", FunctionDescriptor.of(C_INT, C_POINTER));

  private FileIo() {}

  /** mkdir(2): in cgroupfs, creates a cgroup (the kernel populates its control files). */
  public static void mkdir(Path dir, int mode) throws NativeException {
    String p = dir.toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      if ((int) MKDIR.invokeExact(st, arena.allocateFrom(p), mode) != 0) throw NativeCall.failure("mkdir", st, p);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** rmdir(2): in cgroupfs, removes a cgroup without tasks or children (EBUSY otherwise). */
  public static void rmdir(Path dir) throws NativeException {
    String p = dir.toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      if ((int) RMDIR.invokeExact(st, arena.allocateFrom(p)) != 0) throw NativeCall.failure("rmdir", st, p);
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
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      MemorySegment cPath = arena.allocateFrom(p);
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
   * One read(2) of up to {@code len} bytes into {@code buf[off..]}: the byte count (0 = end of
   * file), or {@link #NO_DATA} when a non-blocking fd would block.
   */
  public static int read(Fd fd, byte[] buf, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    return fd.useInt(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        MemorySegment seg = arena.allocate(Math.max(1, len));
        long r = readInto(n, seg, len, st, fd);
        if (r > 0) MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, buf, off, (int) r);
        return (int) r;
      }
    });
  }

  /** One read(2) into native memory; used by the bindings that read binary structs. */
  static long read(Fd fd, MemorySegment seg) throws IOException {
    return fd.use(n -> {
      try (Arena arena = Arena.ofConfined()) {
        return readInto(n, seg, seg.byteSize(), NativeCall.state(arena), fd);
      }
    });
  }

  private static long readInto(int n, MemorySegment seg, long len, MemorySegment st, Fd fd)
      throws NativeException {
    try {
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
   * One write(2) of {@code buf[off..off+len)}; returns the count written. {@code argument} is what
   * a failure message names (e.g. a cgroup file and the value written); null names the fd.
   */
  public static int write(Fd fd, byte[] buf, int off, int len, String argument) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    return fd.useInt(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        MemorySegment seg = arena.allocate(Math.max(1, len));
        MemorySegment.copy(buf, off, seg, ValueLayout.JAVA_BYTE, 0, len);
        return (int) writeFrom(n, seg, len, st, argument == null ? fd.toString() : argument);
      }
    });
  }

  /** One write(2) from native memory; used by the bindings that write binary structs. */
  static long write(Fd fd, MemorySegment seg) throws IOException {
    return fd.use(n -> {
      try (Arena arena = Arena.ofConfined()) {
        return writeFrom(n, seg, seg.byteSize(), NativeCall.state(arena), fd.toString());
      }
    });
  }

  private static long writeFrom(int n, MemorySegment seg, long len, MemorySegment st, String argument)
      throws NativeException {
    try {
      while (true) {
        long r = (long) WRITE.invokeExact(st, n, seg, len);
        if (r >= 0) return r;
        if (NativeCall.errno(st) != Errno.EINTR.number()) throw NativeCall.failure("write", st, argument);
      }
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** lseek(2): the new offset. */
  public static long lseek(Fd fd, long offset, int whence) throws IOException {
    return fd.use(n -> {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment st = NativeCall.state(arena);
        long r = (long) LSEEK.invokeExact(st, n, offset, whence);
        if (r < 0) throw NativeCall.failure("lseek", st, fd + " offset " + offset + " whence " + whence);
        return r;
      } catch (Throwable t) {
        throw NativeCall.rethrow(t);
      }
    });
  }
}

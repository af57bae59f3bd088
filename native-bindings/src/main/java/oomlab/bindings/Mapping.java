package oomlab.bindings;

import static oomlab.bindings.NativeCall.C_INT;
import static oomlab.bindings.NativeCall.C_LONG;
import static oomlab.bindings.NativeCall.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * An anonymous memory mapping (mmap(2)) and what oomlab does with one: touch pages so they are
 * charged to the memcg, madvise, mlock (mlocked VMAs are what the oom_reaper skips), and mincore to
 * see which pages are resident. {@link #close()} unmaps exactly once; the segment is bound to a
 * shared arena whose close runs munmap, so any access after close is an IllegalStateException from
 * the FFM runtime, never a touch of unmapped (or remapped) memory.
 */
public final class Mapping implements AutoCloseable {
  public static final int PROT_NONE = 0;
  public static final int PROT_READ = 1;
  public static final int PROT_WRITE = 2;
  public static final int MAP_SHARED = 0x01;
  public static final int MAP_PRIVATE = 0x02;
  public static final int MAP_ANONYMOUS = 0x20;
  public static final int MAP_NORESERVE = 0x4000;
  public static final int MAP_POPULATE = 0x8000;
  public static final int MADV_NORMAL = 0;
  public static final int MADV_WILLNEED = 3;
  public static final int MADV_DONTNEED = 4;
  public static final int MADV_FREE = 8;
  public static final int MADV_COLD = 20;
  public static final int MADV_PAGEOUT = 21;

  private static final MethodHandle MMAP = NativeCall.errnoCapturing("mmap",
      FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_INT, C_INT, C_INT, C_LONG));
  private static final MethodHandle MUNMAP =
      NativeCall.errnoCapturing("munmap", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG));
  private static final MethodHandle MADVISE =
      NativeCall.errnoCapturing("madvise", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));
  private static final MethodHandle MLOCK =
      NativeCall.errnoCapturing("mlock", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG));
  private static final MethodHandle MUNLOCK =
      NativeCall.errnoCapturing("munlock", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG));
  private static final MethodHandle MINCORE =
      NativeCall.errnoCapturing("mincore", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER));

  public static final long PAGE_SIZE = pageSize();

  private final Arena owner;
  private final MemorySegment segment;

  private Mapping(Arena owner, MemorySegment segment) {
    this.owner = owner;
    this.segment = segment;
  }

  /** mmap(NULL, bytes, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|extraFlags, -1, 0). */
  public static Mapping anonymous(long bytes, int extraFlags) throws NativeException {
    MemorySegment addr;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      addr = (MemorySegment) MMAP.invokeExact(st, MemorySegment.NULL, bytes, PROT_READ | PROT_WRITE,
          MAP_PRIVATE | MAP_ANONYMOUS | extraFlags, -1, 0L);
      if (addr.address() == -1L) throw NativeCall.failure("mmap", st, bytes + " bytes anonymous");
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
    long base = addr.address();
    Arena owner = Arena.ofShared();
    MemorySegment seg = addr.reinterpret(bytes, owner, unused -> munmap(base, bytes));
    return new Mapping(owner, seg);
  }

  private static void munmap(long base, long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      int unused = (int) MUNMAP.invokeExact(NativeCall.state(arena), MemorySegment.ofAddress(base), bytes);
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }

  /** The mapped memory; invalid after {@link #close()}. */
  public MemorySegment segment() {
    return segment;
  }

  public long byteSize() {
    return segment.byteSize();
  }

  /** Writes one byte in every page from {@code offset} for {@code length} bytes: faults them in (and charges the memcg). */
  public void touch(long offset, long length) {
    for (long p = offset; p < offset + length; p += PAGE_SIZE) segment.set(ValueLayout.JAVA_BYTE, p, (byte) 1);
  }

  public void madvise(long offset, long length, int advice) throws NativeException {
    MemorySegment range = segment.asSlice(offset, length);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      int r = (int) MADVISE.invokeExact(st, range, length, advice);
      if (r < 0) throw NativeCall.failure("madvise", st, describe(offset, length) + " advice " + advice);
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** mlock(2) the range: it stays resident, and the oom_reaper will not reap it. */
  public void mlock(long offset, long length) throws NativeException {
    lockCall(MLOCK, "mlock", offset, length);
  }

  public void munlock(long offset, long length) throws NativeException {
    lockCall(MUNLOCK, "munlock", offset, length);
  }

  private void lockCall(MethodHandle handle, String name, long offset, long length) throws NativeException {
    MemorySegment range = segment.asSlice(offset, length);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      int r = (int) handle.invokeExact(st, range, length);
      if (r < 0) throw NativeCall.failure(name, st, describe(offset, length));
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** mincore(2): for each page of the mapping, whether it is resident now. */
  public boolean[] residentPages() throws NativeException {
    int pages = (int) ((segment.byteSize() + PAGE_SIZE - 1) / PAGE_SIZE);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = NativeCall.state(arena);
      MemorySegment vec = arena.allocate(pages);
      int r = (int) MINCORE.invokeExact(st, segment, segment.byteSize(), vec);
      if (r < 0) throw NativeCall.failure("mincore", st, describe(0, segment.byteSize()));
      boolean[] out = new boolean[pages];
      for (int i = 0; i < pages; i++) out[i] = (vec.get(ValueLayout.JAVA_BYTE, i) & 1) != 0;
      return out;
    } catch (Throwable t) {
      throw NativeCall.rethrow(t);
    }
  }

  /** How many pages of the mapping are resident (mincore). */
  public int residentPageCount() throws NativeException {
    int n = 0;
    for (boolean b : residentPages()) if (b) n++;
    return n;
  }

  private String describe(long offset, long length) {
    return String.format("0x%x+%d", segment.address() + offset, length);
  }

  /** munmap, once. Fails with IllegalStateException if another thread is accessing the segment right now. */
  @Override
  public void close() {
    if (owner.scope().isAlive()) {
      try {
        owner.close();
      } catch (IllegalStateException alreadyClosed) {
        if (owner.scope().isAlive()) throw alreadyClosed; // in use elsewhere, not a second close
      }
    }
  }

  private static long pageSize() {
    try {
      MethodHandle sysconf = NativeCall.plain("sysconf", FunctionDescriptor.of(C_LONG, C_INT));
      return (long) sysconf.invokeExact(30); // _SC_PAGESIZE
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }
}

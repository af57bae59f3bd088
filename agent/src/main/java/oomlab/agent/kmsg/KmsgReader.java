package oomlab.agent.kmsg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import oomlab.bindings.Fd;
import oomlab.bindings.FileIo;
import oomlab.bindings.NativeException;
import oomlab.bindings.Poll;

/**
 * Reads /dev/kmsg from "now": records logged after {@link #fromNow()} returns. The device hands
 * out exactly one record per read(2); a read that finds the reader's position overwritten (the
 * ring buffer wrapped) fails with EPIPE and moves the position to the oldest record still there:
 * we count that in {@link #overwrittenGaps()} and go on, because the OOM reports after the gap are
 * still worth reading. /dev/kmsg is shared by every concurrent test: filter what you read by
 * your own pids or memcg paths.
 */
public final class KmsgReader implements AutoCloseable {
  public static final Path DEVICE = Path.of("/dev/kmsg");
  /** The kernel refuses reads with a buffer smaller than the record; records are < 1 KiB + dictionary. */
  private static final int RECORD_BUFFER = 16 * 1024;

  private final Fd fd;
  private final byte[] buf = new byte[RECORD_BUFFER];
  private long overwrittenGaps;

  private KmsgReader(Fd fd) {
    this.fd = fd;
  }

  /** Opens /dev/kmsg (non-blocking) positioned after the newest record. */
  public static KmsgReader fromNow() throws IOException {
    return fromNow(DEVICE);
  }

  static KmsgReader fromNow(Path device) throws IOException {
    Fd fd = FileIo.open(device, FileIo.O_RDONLY | FileIo.O_NONBLOCK);
    try {
      FileIo.lseek(fd, 0, FileIo.SEEK_END); // devkmsg_llseek: SEEK_END = after the last record
      return new KmsgReader(fd);
    } catch (IOException | RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** The next record if one is waiting, without blocking. */
  public Optional<KmsgRecord> poll() throws IOException {
    while (true) {
      int n;
      try {
        n = FileIo.read(fd, buf, 0, buf.length);
      } catch (NativeException.BrokenPipe overwritten) {
        overwrittenGaps++;
        continue;
      }
      if (n == FileIo.NO_DATA || n == 0) return Optional.empty();
      return Optional.of(KmsgRecord.parse(new String(buf, 0, n, StandardCharsets.UTF_8)));
    }
  }

  /** The next record, waiting up to {@code timeout}; empty if none came. */
  public Optional<KmsgRecord> next(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<KmsgRecord> r = poll();
      if (r.isPresent()) return r;
      long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMs <= 0) return Optional.empty();
      Poll.poll(fd, Poll.POLLIN, (int) Math.min(Integer.MAX_VALUE, leftMs));
    }
  }

  /** How many times records were overwritten before this reader got to them. */
  public long overwrittenGaps() {
    return overwrittenGaps;
  }

  /** The device fd, for an epoll set (readable = a record is waiting). */
  public Fd fd() {
    return fd;
  }

  @Override
  public void close() {
    fd.close();
  }
}

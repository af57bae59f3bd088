package oomlab.agent.kmsg;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows /dev/kmsg from now on a daemon thread of its own, handing every record to a consumer on
 * that thread (so a consumer may keep an {@link OomReportAssembler}, which is not thread-safe).
 * Closing stops the thread and closes the reader; a failure while open goes to {@code onError}.
 */
public final class KmsgFollower implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(20);

  private final KmsgReader reader;
  private final Thread thread;
  private volatile boolean closed;

  public KmsgFollower(String threadName, Consumer<KmsgRecord> onRecord, Consumer<Exception> onError)
      throws IOException {
    this.reader = KmsgReader.fromNow();
    this.thread = Thread.ofPlatform().daemon().name(threadName).start(() -> {
      try {
        while (!closed) {
          reader.next(POLL).ifPresent(onRecord);
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) onError.accept(e);
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(POLL.toMillis() * 10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
  }
}

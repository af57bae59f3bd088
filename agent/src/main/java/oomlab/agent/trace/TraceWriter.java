package oomlab.agent.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Appends trace events to {@code trace.jsonl}, one JSON object a line. Thread-safe: listener,
 * workload and handler threads all write to one writer. Each line is written whole and flushed
 * to the kernel before {@code write} returns, so if the agent dies the file holds every event
 * written so far (a torn last line is impossible from this JVM, and {@link TraceReader} drops one
 * anyway). The writer also keeps the events in memory for deriving the outcome.
 *
 * <p>A write failure is an {@link UncheckedIOException}: a run without its trace is worthless, so
 * the caller aborts rather than handle it at every event site.
 */
public final class TraceWriter implements AutoCloseable {
  private final OutputStream out;
  private final long startNanos;
  private final List<TraceEvent> written = new ArrayList<>();
  private long lastT;
  private boolean closed;

  /** Writes to {@code out}; the run's clock ({@code t} = 0) starts now. */
  public TraceWriter(OutputStream out) {
    this.out = out;
    this.startNanos = System.nanoTime();
  }

  /** Creates (or truncates) {@code file}; the run's clock starts now. */
  public static TraceWriter create(Path file) throws IOException {
    return new TraceWriter(Files.newOutputStream(file));
  }

  /** Nanoseconds since the run started, on the clock events are stamped with. */
  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /**
   * Stamps an event with the current run time and writes it. The stamp is taken under the
   * writer's lock, so {@code t} never decreases down the file. Returns the event written.
   */
  public <E extends TraceEvent> E emit(LongFunction<E> event) {
    synchronized (this) {
      E e = event.apply(Math.max(lastT, elapsedNanos()));
      write(e);
      return e;
    }
  }

  /**
   * Writes an event stamped by the caller (e.g. a kmsg record's time converted to the run's
   * clock); such a {@code t} may be earlier than the previous line's.
   */
  public synchronized void write(TraceEvent event) {
    if (closed) throw new IllegalStateException("trace writer is closed; dropped " + event.type());
    byte[] line;
    try {
      line = (TraceJson.MAPPER.writeValueAsString(TraceJson.toTree(event)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize " + event.type(), e);
    }
    try {
      out.write(line);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing the trace failed at " + event.type() + ": " + e.getMessage(), e);
    }
    lastT = Math.max(lastT, event.t());
    written.add(event);
  }

  /** The events written so far, in file order. */
  public synchronized List<TraceEvent> events() {
    return List.copyOf(written);
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    out.close();
  }
}

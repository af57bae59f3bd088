package oomlab.agent.run;

import java.io.IOException;
import java.util.List;
import java.util.function.LongFunction;
import oomlab.agent.trace.TraceEvent;
import oomlab.agent.trace.TraceWriter;

/**
 * The runner's view of the trace: events happening now, and events seen earlier by another
 * thread (a workload report, a notification) stamped with the System.nanoTime of that moment,
 * both converted to the run's clock of the {@link TraceWriter}.
 */
final class TraceRecorder implements AutoCloseable {
  private final TraceWriter writer;

  TraceRecorder(TraceWriter writer) {
    this.writer = writer;
  }

  /** Records an event happening now. */
  void record(LongFunction<? extends TraceEvent> event) {
    writer.emit(event);
  }

  /** Records an event seen at {@code nanos} (System.nanoTime). */
  void record(long nanos, LongFunction<? extends TraceEvent> event) {
    long t = writer.elapsedNanos() - (System.nanoTime() - nanos);
    writer.write(event.apply(Math.max(0, t)));
  }

  List<TraceEvent> events() {
    return writer.events();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}

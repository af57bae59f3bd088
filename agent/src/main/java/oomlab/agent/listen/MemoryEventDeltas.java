package oomlab.agent.listen;

import java.util.function.Consumer;
import oomlab.agent.cgroup.MemoryEvents;

/**
 * Turns successive readings of a v2 {@code memory.events} into events: for each OOM counter that
 * grew, one event whose count is the growth. A counter that shrank means the cgroup was recreated
 * under the same name between two reads: its new value is all new events.
 */
final class MemoryEventDeltas {
  private MemoryEvents last;

  MemoryEventDeltas(MemoryEvents baseline) {
    this.last = baseline;
  }

  /** Emits the growth since the previous reading (in the order oom, oom_kill, oom_group_kill). */
  void next(MemoryEvents now, long tMonoNs, String cgroup, Consumer<OomEvent> sink) {
    emit(last.oom(), now.oom(), OomEvent.Kind.OOM, tMonoNs, cgroup, sink);
    emit(last.oomKill(), now.oomKill(), OomEvent.Kind.OOM_KILL, tMonoNs, cgroup, sink);
    emit(last.oomGroupKill(), now.oomGroupKill(), OomEvent.Kind.OOM_GROUP_KILL, tMonoNs, cgroup, sink);
    last = now;
  }

  private static void emit(long before, long after, OomEvent.Kind kind, long t, String cgroup, Consumer<OomEvent> sink) {
    long delta = after >= before ? after - before : after;
    if (delta > 0) sink.accept(new OomEvent(t, cgroup, kind, delta));
  }
}

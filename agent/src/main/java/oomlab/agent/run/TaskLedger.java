package oomlab.agent.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the runner knows of each task while the run goes on: pid, bytes reported, when it last made
 * progress, whether it finished allocating or exited. Quiescence and blocked detection read it.
 * Not thread-safe: only the runner's event loop touches it.
 */
final class TaskLedger {
  /** One task's state. {@code lastProgress} is a System.nanoTime stamp. */
  static final class Entry {
    final String task;
    long pid = -1;
    boolean started;
    long bytes;
    long lastProgress;
    boolean done;
    boolean enomem;
    boolean exited;
    /** Why it ended, in words (a setup failure's errno, or the exit status). */
    String exitDescription;

    Entry(String task) {
      this.task = task;
    }

    /** Alive, started, not finished allocating: the task should still be making progress. */
    boolean allocating() {
      return started && !done && !exited;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  TaskLedger(List<String> tasks) {
    tasks.forEach(t -> entries.put(t, new Entry(t)));
  }

  Entry get(String task) {
    Entry e = entries.get(task);
    if (e == null) throw new IllegalArgumentException("no task " + task);
    return e;
  }

  Optional<Entry> byPid(long pid) {
    return entries.values().stream().filter(e -> e.pid == pid).findFirst();
  }

  List<Entry> all() {
    return List.copyOf(entries.values());
  }

  void started(String task, long now) {
    Entry e = get(task);
    e.started = true;
    e.lastProgress = now;
  }

  void progressed(String task, long bytes, long now) {
    Entry e = get(task);
    e.bytes = Math.max(e.bytes, bytes);
    e.lastProgress = now;
  }

  /**
   * Tasks alive and allocating that made no progress for {@code settleNanos}, counted from their
   * last step or from the run's last event of any kind ({@code lastActivity}: a notification, a
   * kill, another task's step), whichever is later: a task waiting for a victim to exit is not
   * stuck while the victim is still dying. Stalled is not yet blocked: see {@link #quiescent}.
   */
  List<Entry> stalled(long now, long lastActivity, long settleNanos) {
    return entries.values().stream()
        .filter(e -> e.allocating() && now - Math.max(e.lastProgress, lastActivity) >= settleNanos).toList();
  }

  /**
   * Every task started, and each one exited, finished allocating, or stalled with evidence that
   * the kernel holds it ({@code blocked}: an OOM in its memcg, a thread in D). A stalled task
   * without such evidence is only slow (a loaded machine): the run goes on, up to its timeout.
   */
  boolean quiescent(long now, long lastActivity, long settleNanos, Predicate<Entry> blocked) {
    List<Entry> stalled = stalled(now, lastActivity, settleNanos);
    return entries.values().stream().allMatch(e -> e.exited || (e.started && (e.done || (stalled.contains(e) && blocked.test(e)))));
  }
}

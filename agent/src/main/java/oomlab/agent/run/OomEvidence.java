package oomlab.agent.run;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether an OOM notification is evidence that a stalled task is held by the kernel: one for its
 * memcg or an ancestor (v1 also notifies the OOMing memcg's descendants, v2 counts upwards),
 * signalled after the last handler action. A handler that raised the limit or killed another task
 * resolves the OOM notified before it: the woken task may need longer than the settle time to
 * report again under TCG (6.1 v1 oom-kill-disable-raise-limit: 340 ms), and the old notification
 * made it blocked although it went on allocating. A further OOM after the action is fresh evidence.
 * The exit of a victim the kernel killed resolves it the same way: its memory is uncharged and the
 * charging task retries (6.1 v2 shared-mm: after both sharers died the third task, in R and still
 * charging pages, reported no MiB for 0.7 s under TCG and came out blocked). A task the kernel
 * keeps in OOM is notified again, or sleeps in D.
 */
final class OomEvidence {
  private final Map<String, Long> lastNotified = new HashMap<>();
  private long lastResolved = Long.MIN_VALUE;

  /** An OOM notification of {@code cgroup} seen at {@code nanos} (System.nanoTime). */
  void notified(String cgroup, long nanos) {
    lastNotified.merge(cgroup, nanos, Math::max);
  }

  /** The OOMs notified before {@code nanos} are resolved: a handler finished acting, or a victim the kernel killed exited. */
  void resolved(long nanos) {
    lastResolved = Math.max(lastResolved, nanos);
  }

  /** An OOM notified for {@code cgroup} (a scenario path, {@code A/B}) or an ancestor since the last handler action or victim exit. */
  boolean holds(String cgroup) {
    for (String c = cgroup; c != null; c = c.contains("/") ? c.substring(0, c.lastIndexOf('/')) : null) {
      Long at = lastNotified.get(c);
      if (at != null && at > lastResolved) return true;
    }
    return false;
  }
}

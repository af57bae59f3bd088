package oomlab.model.scenario;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every allowed outcome of a scenario shares, checked on the real outcome (exit 1 if not).
 * Real kernels race (DESIGN section 2): a task named in no list may go either way. The three lists
 * are disjoint; in an Outcome "survived" means alive at the end and not blocked.
 *
 * @param killed   these tasks must be killed (by the kernel or by a handler); others may be too
 * @param survived these tasks must be alive and not blocked at the end
 * @param blocked  these tasks must be alive but stuck (memcg OOM wait, a fault retried forever)
 * @param handlers per handler index (a limit write): the result its write must have had, {@code ok}
 *                 or an errno name such as {@code EBUSY}
 */
public record Expect(List<String> killed, List<String> survived, List<String> blocked, Map<Integer, String> handlers) {

  public Expect {
    killed = List.copyOf(killed);
    survived = List.copyOf(survived);
    blocked = List.copyOf(blocked);
    handlers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(handlers));
  }

  /** An expectation on task fates only. */
  public Expect(List<String> killed, List<String> survived, List<String> blocked) {
    this(killed, survived, blocked, Map.of());
  }
}

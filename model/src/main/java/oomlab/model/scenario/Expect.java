package oomlab.model.scenario;

import java.util.List;

/**
 * What every allowed outcome of a scenario shares, checked on the real outcome (exit 1 if not).
 * Real kernels race (DESIGN section 2): a task named in no list may go either way. The three lists
 * are disjoint; in an Outcome "survived" means alive at the end and not blocked.
 *
 * @param killed   these tasks must be killed (by the kernel or by a handler); others may be too
 * @param survived these tasks must be alive and not blocked at the end
 * @param blocked  these tasks must be alive but stuck (memcg OOM wait, a fault retried forever)
 */
public record Expect(List<String> killed, List<String> survived, List<String> blocked) {

  public Expect {
    killed = List.copyOf(killed);
    survived = List.copyOf(survived);
    blocked = List.copyOf(blocked);
  }
}

package oomlab.model.design;

import java.util.ArrayList;
import java.util.List;

/**
 * select_bad_process over the candidates of one memcg OOM, in {@code mem_cgroup_scan_tasks}
 * order. Candidates whose points lie within {@code nearTie} of the best are all possible victims
 * (their real RSS differs by the workload's baseline, page tables, timing of the last fault);
 * with {@code nearTie == 0} only exact ties remain and the era's {@link TieRule} decides.
 */
public final class VictimSelection {
  private VictimSelection() {}

  /** Returns the indexes (into {@code points}) that may be chosen; empty when none is eligible. */
  public static List<Integer> choose(long[] points, int n, long nearTie, TieRule rule) {
    long best = OomBadness.UNKILLABLE;
    int bestIndex = -1;
    for (int i = 0; i < n; i++) {
      long p = points[i];
      if (p == OomBadness.UNKILLABLE) continue;
      if (bestIndex < 0 || p > best || (p == best && rule == TieRule.LAST)) {
        best = p;
        bestIndex = i;
      }
    }
    List<Integer> out = new ArrayList<>(2);
    if (bestIndex < 0) return out;
    if (nearTie <= 0) {
      out.add(bestIndex);
      return out;
    }
    for (int i = 0; i < n; i++) {
      long p = points[i];
      if (p != OomBadness.UNKILLABLE && p >= best - nearTie) out.add(i);
    }
    return out;
  }
}

package oomlab.agent.oomreport;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one era's mm/oom_kill.c scores and picks a victim, as data: {@code oom_badness} and the tie
 * rule of select_bad_process / oom_evaluate_task. Read from the sources: 5.10, 6.1, 6.12 and 7.2
 * from Debian's linux-source; older eras from upstream's history (the commits named below).
 *
 * <ul>
 *   <li>2.6.36-3.7: {@code points = (rss + nr_ptes + swap) * 1000 / totalpages}, -30 for
 *       CAP_SYS_ADMIN, {@code + oom_score_adj}, clamped to 1..1000 ({@link #normalized}).</li>
 *   <li>3.8 (a7f638f999ff, scores in pages): {@code points = rss + nr_ptes + swapents}, root
 *       {@code adj -= 30}; 3.14 (778c14affaf9): root {@code points -= points * 3 / 100}; 4.0
 *       (dc6c9a35b66b) adds nr_pmds; 4.15 pgtables_bytes / PAGE_SIZE; 4.17 (d46078b28889) drops
 *       the root bonus.</li>
 *   <li>Always: {@code adj *= totalpages / 1000; points += adj}; -1000 is never chosen; before
 *       5.9 (9066e5cfb73c) a positive score is clamped to at least 1, since then it may be
 *       negative.</li>
 *   <li>Ties: up to 4.x the earlier task is kept ({@code points > chosen_points}, later {@code
 *       points == chosen_points && thread_group_leader(chosen)}); 5.10+ {@code points <
 *       oc->chosen_points} skips only smaller scores, so the last of equals in scan order wins.
 *       Between 4.10 and 5.10 the release that dropped the leader check is not pinned here:
 *       {@link Tie#UNKNOWN}.</li>
 * </ul>
 *
 * @param era what the rule is for, as a person reads it: the release's {@code 5.10}, or the era the table's columns show
 * @param computable false before 2.6.36, whose badness used total_vm, CPU time and nice
 */
public record BadnessRule(String era, boolean computable, boolean normalized, RootBonus rootBonus, boolean clampToOne, Tie tie,
    boolean tableBeforeScanOrder) {

  public enum RootBonus { NONE, ADJ_MINUS_30, POINTS_3_PERCENT }

  public enum Tie { FIRST_WINS, LAST_WINS, UNKNOWN }

  private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

  /**
   * The rule for a report: by its kernel release when dump_stack printed one, else by the table's
   * columns. Before 5.3 a memcg OOM's table was printed in for_each_process order while the
   * selection walked the memcg's own task lists (dump_tasks used mem_cgroup_scan_tasks only since
   * 5.3), so the table's order says nothing about ties there: {@link Tie#UNKNOWN}.
   */
  public static BadnessRule of(OomReport r) {
    BadnessRule rule = byEra(r);
    boolean memcg = "CONSTRAINT_MEMCG".equals(r.constraint());
    if (memcg && rule.tableBeforeScanOrder) return new BadnessRule(rule.era, rule.computable, rule.normalized, rule.rootBonus, rule.clampToOne, Tie.UNKNOWN, true);
    return rule;
  }

  private static BadnessRule byEra(OomReport r) {
    if (r.release() != null) {
      Matcher m = RELEASE.matcher(r.release());
      if (m.find()) return forVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(1) + "." + m.group(2));
    }
    List<String> c = r.dumpColumns();
    Kill v = r.victim();
    if (c != null && c.contains("rss_anon")) return forVersion(6, 9, "6.9+ (table has rss_anon)");
    if (v != null && v.oomScoreAdj() != null) return forVersion(5, 9, "5.9+ (Killed line with pgtables and oom_score_adj)");
    if (r.summary() != null || (v != null && v.message() != null && v.uid() == null)) {
      return forVersion(4, 19, "4.19+ (oom-kill: summary line, or Killed line with its message)");
    }
    if (c == null) return forVersion(6, 1, "unknown (no release, no task table): 4.19+ rules assumed");
    if (c.contains("oom_adj") && !c.contains("oom_score_adj")) return forVersion(2, 6, "2.6.32-2.6.35 (table has oom_adj only)");
    if (c.contains("cpu")) return forVersion(3, 0, "2.6.36-3.7 (table has cpu and oom_adj)");
    if (c.contains("nr_pmds")) return forVersion(4, 0, "4.0-4.14 (table has nr_pmds)");
    if (c.contains("nr_ptes")) return forVersion(3, 10, "3.8-3.19 (table has nr_ptes; 3.10 rules)");
    if (r.tasksState()) return forVersion(4, 19, "4.19+ (Tasks state line)");
    return forVersion(4, 17, "4.15-4.18 (pgtables_bytes, no Tasks state line; 4.17 rules)");
  }

  static BadnessRule forVersion(int major, int minor, String era) {
    int v = major * 1000 + minor;
    if (v < 2036) return new BadnessRule(era, false, false, RootBonus.NONE, true, Tie.FIRST_WINS, true);
    RootBonus bonus = v < 3014 ? RootBonus.ADJ_MINUS_30 : v < 4017 ? RootBonus.POINTS_3_PERCENT : RootBonus.NONE;
    Tie tie = v < 4010 ? Tie.FIRST_WINS : v >= 5010 ? Tie.LAST_WINS : Tie.UNKNOWN;
    return new BadnessRule(era, true, v < 3008, bonus, v < 5009, tie, v < 5003);
  }

  /**
   * oom_badness of one table row for {@code totalpages}; null when the task is never chosen
   * (oom_score_adj -1000). uid 0 stands for CAP_SYS_ADMIN, which the table does not show.
   */
  public Long points(DumpedTask t, long totalpages) {
    int adj = t.oomScoreAdj() == null ? 0 : t.oomScoreAdj();
    if (adj == -1000) return null;
    long pages = t.rss() + (t.swapents() == null ? 0 : t.swapents()) + (t.pageTablePages() == null ? 0 : t.pageTablePages());
    boolean root = t.uid() == 0;
    if (normalized) {
      long p = pages * 1000 / Math.max(1, totalpages);
      if (root) p -= 30;
      p += adj;
      return Math.max(1, Math.min(1000, p));
    }
    long a = adj;
    if (root && rootBonus == RootBonus.ADJ_MINUS_30) a -= 30;
    if (root && rootBonus == RootBonus.POINTS_3_PERCENT) pages -= pages * 3 / 100;
    long p = pages + a * (totalpages / 1000);
    return clampToOne && p <= 0 ? 1 : p;
  }

  /** The tie rule in words. */
  public String tieText() {
    return switch (tie) {
      case FIRST_WINS -> "the first of equal scores in scan order is kept";
      case LAST_WINS -> "the last of equal scores in scan order wins (oom_evaluate_task skips only smaller ones)";
      case UNKNOWN -> tableBeforeScanOrder
          ? "the table of a memcg OOM before 5.3 is not in the selection's scan order, so which of equals the kernel met last is not in the report"
          : "this era's tie rule (first or last of equals) is not pinned down";
    };
  }
}

package oomlab.agent.oomreport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The oom_badness ranking of a report's task table as that era's kernel computes it, and whether
 * the victim the kernel named is its top; when not, the reason the report supports. The table is
 * printed in the selection's scan order (dump_tasks walks the same mem_cgroup_scan_tasks /
 * for_each_process as select_bad_process), but after the selection: rows are read a little later.
 *
 * @param rule the era's rule
 * @param totalPages what scaled oom_score_adj; null when the report shows nothing to derive it from
 * @param entries the eligible rows, highest first (equal scores in scan order)
 * @param excluded rows never chosen (oom_score_adj -1000)
 * @param predicted the row the era's rule picks, or null (empty table, tie with unknown rule)
 * @param victimTops the kernel's victim is {@code predicted}
 * @param reason why the victim is what it is when it does not simply top the table; null if it does
 * @param sharers rows that are likely other processes using the victim's mm (CLONE_VM without
 *     CLONE_THREAD): __oom_kill_process SIGKILLs every process sharing the victim's mm and prints
 *     no line for them; a row whose total_vm, rss, page tables, swapents and oom_score_adj equal
 *     the victim's and whose rss is at least {@link #SHARER_MIN_RSS} pages (small identical rows
 *     are common among forked children that touched nothing) is taken for one
 */
public record BadnessRanking(BadnessRule rule, TotalPages totalPages, List<Entry> entries, List<DumpedTask> excluded,
    DumpedTask predicted, boolean victimTops, String reason, List<DumpedTask> sharers) {
  static final long SHARER_MIN_RSS = 1024;

  /**
   * One row with its score; {@code pointsHigh} differs from {@code points} when totalpages is a
   * range and the task's oom_score_adj is not 0.
   */
  public record Entry(DumpedTask task, long points, long pointsHigh, int scanIndex) {}

  /** The ranking, or null when the report has no task table or the era's score cannot be computed. */
  public static BadnessRanking of(OomReport r) {
    if (r.dump().isEmpty()) return null;
    BadnessRule rule = BadnessRule.of(r);
    TotalPages tp = TotalPages.of(r);
    long low = tp == null ? 1 : tp.low();
    long high = tp == null || tp.high() == null ? low : tp.high();
    List<Entry> entries = new ArrayList<>();
    List<DumpedTask> excluded = new ArrayList<>();
    if (!rule.computable()) {
      return new BadnessRanking(rule, tp, List.of(), List.of(), null, false,
          "before 2.6.36 oom_badness used total_vm, CPU time and nice, which the table does not show: no ranking", List.of());
    }
    for (int i = 0; i < r.dump().size(); i++) {
      DumpedTask t = r.dump().get(i);
      Long p = rule.points(t, low);
      if (p == null) {
        excluded.add(t);
        continue;
      }
      entries.add(new Entry(t, p, rule.points(t, high), i));
    }
    entries.sort(Comparator.comparingLong(Entry::points).reversed().thenComparingInt(Entry::scanIndex));
    Kill victim = r.victim();
    boolean adjMatters = tp != null && !Objects.equals(tp.high(), tp.low())
        && entries.stream().anyMatch(e -> e.points() != e.pointsHigh());
    DumpedTask predicted = pick(entries, rule, false);
    DumpedTask predictedHigh = pick(entries, rule, true);
    if (victim == null) return new BadnessRanking(rule, tp, entries, excluded, predicted, false, "no kill in the report", List.of());
    long vpid = victim.pid();
    boolean tops = predicted != null && predicted.pid() == vpid;
    boolean topsHigh = predictedHigh != null && predictedHigh.pid() == vpid;
    String reason = null;
    Entry top = entries.isEmpty() ? null : entries.getFirst();
    Entry mine = entries.stream().filter(e -> e.task().pid() == vpid).findFirst().orElse(null);
    if (r.chosen() != null && r.chosen().pid() != vpid) {
      tops = false;
      boolean chosenTops = predicted != null && predicted.pid() == r.chosen().pid();
      reason = "up to 5.2 oom_kill_process sacrificed a child: it chose " + r.chosen().pid() + " (" + r.chosen().comm() + ", score "
          + r.chosen().score() + (chosenTops ? ", the top of the ranking" : entries.stream().anyMatch(e -> e.task().pid() == r.chosen().pid()) ? "" : ", not in the table") + ") and killed its child with the highest badness and a different mm instead";
    } else if (tops && adjMatters && !topsHigh) {
      reason = "the victim tops the ranking with totalpages = the limit alone (no swap counted); with the swap the memcg may use it would not";
    } else if (!tops && adjMatters && topsHigh) {
      reason = "the victim tops the ranking once the swap the memcg may use is counted in totalpages (mem_cgroup_get_max); the report does not print the machine's swap";
      tops = true;
    } else if (tops) {
      List<Entry> equal = entries.stream().filter(e -> e.points() == top.points()).toList();
      if (equal.size() > 1) reason = tieReason(equal, rule, vpid);
    } else if (r.message() != null && r.message().contains("oom_kill_allocating_task")) {
      reason = "vm.oom_kill_allocating_task is set: the kernel killed the task that invoked the OOM killer, without ranking";
    } else if (mine == null) {
      reason = r.tasksDropped() > 0 ? "the victim is beyond the rows kept (" + r.tasksDropped() + " dropped)"
          : "the victim is not in the task table (it joined after the table was printed, or the table is cut off)";
    } else if (top != null && top.points() == mine.points()) {
      List<Entry> equal = entries.stream().filter(e -> e.points() == top.points()).toList();
      reason = tieReason(equal, rule, vpid);
      tops = rule.tie() == BadnessRule.Tie.UNKNOWN;
      if (!tops && predicted != null) {
        reason += "; by that rule " + predicted.pid() + " (" + predicted.name() + ") would be picked: the scores moved between the selection and the table";
      }
    } else if (top != null) {
      long gap = top.points() - mine.points();
      reason = "the table ranks " + top.task().pid() + " (" + top.task().name() + ") " + gap + " pages above the victim: "
          + "the table is read after select_bad_process chose, so a task that grew in between (or a victim that was already "
          + "freeing memory) can rank differently; the report shows nothing else that explains it";
    }
    return new BadnessRanking(rule, tp, entries, excluded, predicted, tops, reason, sharers(r, mine));
  }

  private static List<DumpedTask> sharers(OomReport r, Entry victim) {
    if (victim == null || victim.task().rss() < SHARER_MIN_RSS) return List.of();
    DumpedTask v = victim.task();
    return r.dump().stream()
        .filter(t -> t.pid() != v.pid() && t.tgid() != v.tgid() && r.kills().stream().noneMatch(k -> k.pid() == t.pid()))
        .filter(t -> t.totalVm() == v.totalVm() && t.rss() == v.rss() && Objects.equals(t.pageTablePages(), v.pageTablePages())
            && Objects.equals(t.swapents(), v.swapents()) && Objects.equals(t.oomScoreAdj(), v.oomScoreAdj()))
        .toList();
  }

  private static String tieReason(List<Entry> equal, BadnessRule rule, long vpid) {
    StringBuilder s = new StringBuilder("a tie of " + equal.size() + " tasks at " + equal.getFirst().points() + " points; " + rule.tieText());
    DumpedTask a = equal.getFirst().task();
    boolean oneMm = equal.stream().allMatch(e -> e.task().totalVm() == a.totalVm() && e.task().rss() == a.rss()
        && Objects.equals(e.task().pageTablePages(), a.pageTablePages()));
    if (oneMm) s.append("; their total_vm, rss and page tables are identical: they likely share one mm (CLONE_VM), and __oom_kill_process kills every process using the victim's mm");
    return s.toString();
  }

  private static DumpedTask pick(List<Entry> sortedByPoints, BadnessRule rule, boolean high) {
    Entry best = null;
    List<Entry> scan = sortedByPoints.stream().sorted(Comparator.comparingInt(Entry::scanIndex)).toList();
    for (Entry e : scan) {
      long p = high ? e.pointsHigh() : e.points();
      long b = best == null ? Long.MIN_VALUE : high ? best.pointsHigh() : best.points();
      if (best == null || p > b || (p == b && rule.tie() == BadnessRule.Tie.LAST_WINS)) best = e;
    }
    if (best != null && rule.tie() == BadnessRule.Tie.UNKNOWN) {
      final Entry fb = best;
      long n = scan.stream().filter(e -> (high ? e.pointsHigh() : e.points()) == (high ? fb.pointsHigh() : fb.points())).count();
      if (n > 1) return null;
    }
    return best == null ? null : best.task();
  }
}

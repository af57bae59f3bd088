package oomlab.model.design;

/**
 * {@code oom_badness()} (mm/oom_kill.c): rss + swap entries + page tables, plus
 * {@code oom_score_adj * totalpages / 1000}; {@code OOM_SCORE_ADJ_MIN} (-1000) is never chosen.
 * For a memcg OOM {@code totalpages} is {@code mem_cgroup_get_max()} of the OOMing memcg: its
 * limit. Everything is in 4 KiB pages, as in the kernel ({@code totalpages / 1000} truncates).
 * The model has no swap and counts page tables inside the near-tie tolerance.
 */
public final class OomBadness {
  public static final int OOM_SCORE_ADJ_MIN = -1000;
  /** Not eligible: {@code LONG_MIN} in 6.1, 0 in 4.19 and before. */
  public static final long UNKILLABLE = Long.MIN_VALUE;

  private OomBadness() {}

  /**
   * Points of a task with {@code rss} units and {@code adj}, in an OOM of a memcg whose limit is
   * {@code totalpages} units. 6.1 returns the sum as is (it may be negative); up to 4.19 the
   * result is clamped to at least 1 ({@code points > 0 ? points : 1}).
   */
  public static long points(long rss, int adj, long totalpages, boolean clampToOne) {
    if (adj == OOM_SCORE_ADJ_MIN) return UNKILLABLE;
    long points = rss + (long) adj * (totalpages / 1000);
    if (clampToOne && points <= 0) return 1;
    return points;
  }
}

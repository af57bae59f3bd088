package oomlab.model.design;

/** Which of two candidates with equal points select_bad_process keeps. */
public enum TieRule {
  /**
   * The first evaluated: 4.19's oom_evaluate_task skips equal points when the chosen task is a
   * thread group leader ("Prefer thread group leaders for display purposes"), and 2.6.3x/3.x's
   * select_bad_process replaces only on {@code points > *ppoints}.
   */
  FIRST,
  /** The last evaluated: 6.1's oom_evaluate_task skips only {@code points < chosen_points}. */
  LAST
}

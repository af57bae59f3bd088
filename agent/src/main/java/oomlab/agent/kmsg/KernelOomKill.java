package oomlab.agent.kmsg;

/**
 * One OOM kill as the kernel reported it in its log: the {@code kernel_oom_kill} trace event.
 * Memcg paths are relative to the memory hierarchy's root, as the kernel prints them ({@code
 * /oomlab/run-2197-x/A}).
 *
 * @param pid the victim's pid
 * @param comm the victim's command name (15 characters at most)
 * @param oomMemcg the memcg whose limit was hit; null for a global OOM or when the report lacked it
 * @param taskMemcg the victim's memcg; null when the report lacked it (oom.group members)
 * @param constraint {@code CONSTRAINT_MEMCG}, {@code CONSTRAINT_NONE} (global), ...; before 4.19
 *     derived: {@code CONSTRAINT_MEMCG} when the report was a memcg one, else null
 * @param anonRssKb the victim's anonymous RSS when killed
 * @param oomScoreAdj the victim's oom_score_adj (printed since 5.9); null before
 */
public record KernelOomKill(long pid, String comm, String oomMemcg, String taskMemcg, String constraint,
    long anonRssKb, Integer oomScoreAdj) implements KernelOomEvent {

  /** Whether the OOM or the victim is at or below {@code memcg} ({@code /oomlab/run-2197-x}). */
  public boolean concerns(String memcg) {
    return isAtOrBelow(oomMemcg, memcg) || isAtOrBelow(taskMemcg, memcg);
  }

  /** A kill whose report named no memcg (the header was rate-limited): only its pid places it. */
  public boolean unattributed() {
    return oomMemcg == null && taskMemcg == null;
  }

  static boolean isAtOrBelow(String path, String memcg) {
    if (path == null) {
      return false;
    }
    String base = memcg.endsWith("/") ? memcg.substring(0, memcg.length() - 1) : memcg;
    return path.equals(base) || path.startsWith(base + "/");
  }
}

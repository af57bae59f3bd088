package oomlab.controller.explain;

import java.util.List;
import java.util.Objects;
import oomlab.agent.oomreport.BadnessRanking;
import oomlab.agent.oomreport.DumpedTask;
import oomlab.agent.oomreport.Kill;
import oomlab.agent.oomreport.OomReport;
import oomlab.agent.oomreport.ReportLine;

/** An explained event as text a person reads in a ticket. */
public final class ExplainText {
  /** Rows of the ranking shown; the victim is shown even when below them. */
  static final int TOP = 8;

  private ExplainText() {}

  public static String render(Explained e) {
    OomReport r = e.report();
    StringBuilder s = new StringBuilder();
    s.append("OOM event ").append(e.number()).append(" (").append(e.source());
    if (r.time() != null) s.append(", at ").append(r.time());
    if (r.release() != null) s.append(", kernel ").append(r.release());
    s.append(")\n");
    var inv = r.invoker();
    if (inv != null) {
      s.append("  invoked by   ").append(inv.comm());
      if (inv.pid() != null) s.append(" (pid ").append(inv.pid()).append(')');
      s.append(": gfp_mask=").append(inv.gfpMask());
      if (inv.gfpFlags() != null) s.append('(').append(inv.gfpFlags()).append(')');
      s.append(", order=").append(inv.order());
      if (inv.oomScoreAdj() != null) s.append(", oom_score_adj=").append(inv.oomScoreAdj());
      s.append('\n');
    }
    String constraint = r.constraint();
    s.append("  constraint   ").append(constraint == null ? "not printed" : constraint);
    Kill v = r.victim();
    if (v != null && v.constraintDerived()) s.append(" (derived: not printed by this kernel, or corrected)");
    s.append('\n');
    if (r.oomMemcg() != null) {
      s.append("  memcg        ").append(r.oomMemcg());
      for (ReportLine.MemcgCounter c : r.counters().values()) {
        s.append("\n               ").append(c.name()).append(": usage ").append(c.usageKb()).append("kB, limit ")
            .append(limit(c.limitKb())).append(", failcnt ").append(c.failcnt());
      }
      s.append('\n');
    } else if (r.ramPages() != null) {
      s.append("  memory       RAM ").append(r.ramPages() * 4).append("kB");
      if (r.totalSwapKb() != null) s.append(", swap ").append(r.totalSwapKb()).append("kB");
      s.append('\n');
    }
    if (r.groupMemcg() != null) s.append("  oom.group    ").append(r.groupMemcg()).append(": every task in it is killed with the victim\n");
    if (r.kills().isEmpty()) {
      s.append("  killed       nobody");
      if (r.noKillable()) s.append(": Out of memory and no killable processes");
      if (!r.alreadyExiting().isEmpty()) s.append(": the chosen task ").append(r.alreadyExiting()).append(" was already exiting, the kernel waits for it");
      s.append('\n');
    }
    for (Kill k : r.kills()) {
      s.append(k == v ? "  victim       " : k.groupMember() ? "  group kill   " : "  also killed ");
      s.append(k.pid()).append(' ').append(k.comm());
      long process = r.processOf(k);
      if (process != k.pid()) s.append(" (a thread of ").append(process).append(": same mm, its leader had left it)");
      if (k.taskMemcg() != null && !Objects.equals(k.taskMemcg(), r.oomMemcg())) s.append(" in ").append(k.taskMemcg());
      if (k.anonRssKb() != null) {
        s.append(": anon-rss ").append(k.anonRssKb()).append("kB, file-rss ").append(k.fileRssKb()).append("kB");
        if (k.shmemRssKb() != null) s.append(", shmem-rss ").append(k.shmemRssKb()).append("kB");
      }
      if (k.oomScoreAdj() != null) s.append(", oom_score_adj ").append(k.oomScoreAdj());
      s.append('\n');
      for (OomReport.Reap p : r.reaps()) {
        if (p.pid() != k.pid()) continue;
        s.append(p.reaped() ? "               oom_reaper reaped it: now anon-rss " + p.anonRssKb() + "kB, file-rss " + p.fileRssKb()
            + "kB, shmem-rss " + p.shmemRssKb() + "kB\n" : "               oom_reaper was unable to reap it\n");
      }
    }
    if (r.kills().size() >= 2 && r.groupMemcg() == null) s.append("  note         more than one Killed line in one report\n");
    if (e.ranking() != null) {
      for (DumpedTask t : e.ranking().sharers()) {
        s.append("  likely also  ").append(t.pid()).append(' ').append(t.name())
            .append(": its row equals the victim's, one mm shared (CLONE_VM); __oom_kill_process kills it without a line\n");
      }
    }
    ranking(s, r, e.ranking());
    for (String m : r.missing()) s.append("  missing      ").append(m).append('\n');
    return s.toString();
  }

  private static void ranking(StringBuilder s, OomReport r, BadnessRanking k) {
    if (k == null) return;
    s.append("  ranking      oom_badness as ").append(k.rule().era()).append(" computes it");
    if (k.totalPages() == null) s.append(", totalpages not in the report (oom_score_adj not counted)");
    if (k.totalPages() != null) {
      s.append(", totalpages ").append(k.totalPages().low());
      if (!k.totalPages().exact()) s.append(k.totalPages().high() == null ? "..?" : ".." + k.totalPages().high());
      s.append(" (").append(k.totalPages().source()).append(')');
    }
    s.append('\n');
    Kill v = r.victim();
    List<BadnessRanking.Entry> entries = k.entries();
    for (int i = 0; i < entries.size(); i++) {
      var en = entries.get(i);
      boolean victim = v != null && en.task().pid() == v.pid();
      if (i >= TOP && !victim) continue;
      DumpedTask t = en.task();
      s.append(String.format("  %4d. %7d %-15s %9d points = rss %d + swapents %s + pgtables %s%s%s%n", i + 1, t.pid(), t.name(),
          en.points(), t.rss(), t.swapents() == null ? "-" : t.swapents(), t.pageTablePages() == null ? "-" : t.pageTablePages(),
          t.oomScoreAdj() != null && t.oomScoreAdj() != 0 ? ", adj " + t.oomScoreAdj() : "", victim ? "   <- killed" : ""));
    }
    if (entries.size() > TOP) s.append("        ... ").append(entries.size() - TOP).append(" more\n");
    for (DumpedTask t : k.excluded()) s.append("        never  ").append(t.pid()).append(' ').append(t.name()).append(" (oom_score_adj -1000)\n");
    if (r.tasksDropped() > 0) s.append("        ").append(r.tasksDropped()).append(" further rows not kept\n");
    s.append("  verdict      ");
    if (v == null) s.append("no victim to hold against the ranking");
    else if (k.victimTops() && k.reason() == null) s.append("the victim tops the ranking, as ").append(k.rule().era()).append(" picks");
    else if (k.victimTops()) s.append("the victim tops the ranking: ").append(k.reason());
    else s.append("the victim is not the top of the ranking: ").append(k.reason());
    s.append('\n');
  }

  private static String limit(long kb) {
    return kb >= (1L << 50) ? "max" : kb + "kB";
  }
}

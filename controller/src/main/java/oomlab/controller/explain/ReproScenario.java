package oomlab.controller.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import oomlab.agent.oomreport.DumpedTask;
import oomlab.agent.oomreport.Kill;
import oomlab.agent.oomreport.OomReport;

/**
 * A scenario (DESIGN section 3) that reproduces an event at a smaller scale: one memcg {@code A}
 * with the OOM memcg's limit (RAM for a global OOM) divided by the factor, and one task per row of
 * the task table with its rss divided by the factor and its oom_score_adj; scaling limit and rss
 * alike keeps the ranking (adj scales with totalpages). The tasks start one after the other, each
 * once the one before holds its memory, together holding at most 85% of the limit; the task that
 * invoked the OOM killer (else the victim) comes last and asks for what is left of the limit and
 * a quarter of it more, so the memcg runs out while it charges. Rows smaller than a 64th of the
 * scaled limit are left out (named in the description).
 */
public final class ReproScenario {
  static final long MIB = 1024 * 1024;
  /** The auto factor keeps the scaled limit at most this. */
  static final long TARGET_LIMIT = 64 * MIB;

  private ReproScenario() {}

  /** The factor that brings the event's limit to at most 64M (1 if it already is). */
  public static long autoFactor(OomReport r) {
    long limit = limitBytes(r);
    return Math.max(1, (limit + TARGET_LIMIT - 1) / TARGET_LIMIT);
  }

  /** The scenario as YAML, or an IllegalArgumentException saying what the event lacks. */
  public static String yaml(Explained e, long factor) {
    OomReport r = e.report();
    if (r.dump().isEmpty()) throw new IllegalArgumentException("event " + e.number() + " has no task table to reproduce");
    long limit = limitBytes(r);
    if (limit <= 0) throw new IllegalArgumentException("event " + e.number() + " prints neither a memcg limit nor RAM");
    long scaledLimit = roundUpMiB(limit / factor);
    Kill victim = r.victim();
    String lastComm = r.invoker() != null ? r.invoker().comm() : victim != null ? victim.comm() : null;
    Long lastPid = r.invoker() != null && r.invoker().pid() != null ? r.invoker().pid() : victim != null ? victim.pid() : null;
    List<DumpedTask> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    DumpedTask last = null;
    for (DumpedTask t : r.dump()) {
      boolean isLast = lastPid != null ? t.pid() == lastPid : t.name().equals(lastComm);
      if (isLast && last == null) {
        last = t;
      } else if (t.rss() * 4096 / factor >= scaledLimit / 64) {
        kept.add(t);
      } else {
        dropped.add(t.name() + "(" + t.pid() + ")");
      }
    }
    if (last != null) kept.add(last);
    // The tasks before the last hold their rss scaled, together at most 85% of the limit (rss
    // counts file pages the memcg may not have charged); the last one asks for what is left of the
    // limit and a quarter more, so the memcg runs out while it charges.
    long others = 0;
    for (DumpedTask t : kept) if (t != last) others += t.rss() * 4096 / factor;
    double shrink = others > scaledLimit * 0.85 ? scaledLimit * 0.85 / others : 1.0;
    long held = 0;
    for (DumpedTask t : kept) if (t != last) held += roundDownMiB((long) (t.rss() * 4096 / factor * shrink));
    long extra = roundUpMiB(Math.max(0, scaledLimit - held) + scaledLimit / 4);
    Set<String> used = new HashSet<>();
    StringBuilder y = new StringBuilder();
    String what = r.oomMemcg() != null ? "memcg " + r.oomMemcg() : "a global OOM";
    y.append("# written by oomlab explain from ").append(e.source()).append(", event ").append(e.number());
    if (r.time() != null) y.append(" at ").append(r.time());
    y.append("\n# scaled down by ").append(factor).append(": limit ").append(limit / 1024).append("kB -> ").append(scaledLimit / MIB).append("M\n");
    y.append("name: explain-event-").append(e.number()).append('\n');
    y.append("description: reproduces the OOM of ").append(what).append(" scaled by 1/").append(factor);
    if (victim != null) y.append(", where the kernel killed ").append(victim.comm()).append(" (").append(victim.pid()).append(')');
    if (shrink < 1.0) y.append("; the tasks before the last scaled by a further ").append(String.format("%.2f", shrink)).append(" to fit the limit");
    if (!dropped.isEmpty()) y.append("; left out as too small: ").append(String.join(" ", dropped));
    y.append('\n');
    y.append("cgroups:\n  A: { limit: ").append(scaledLimit / MIB).append("M, swap: 0 }\n");
    y.append("tasks:\n");
    String prev = null;
    long prevSize = 0;
    String victimName = null;
    List<String> names = new ArrayList<>();
    for (DumpedTask t : kept) {
      String name = uniqueName(t.name(), used);
      names.add(name);
      long size = t == last ? roundUpMiB(t.rss() * 4096 / factor) + extra : roundDownMiB((long) (t.rss() * 4096 / factor * shrink));
      int adj = t.oomScoreAdj() == null ? 0 : t.oomScoreAdj();
      y.append("  ").append(name).append(": { cgroup: A, allocate: ").append(size / MIB).append('M');
      if (adj != 0) y.append(", oomScoreAdj: ").append(adj);
      if (prev != null) y.append(", start: after ").append(prev).append(' ').append(prevSize / MIB).append('M');
      y.append(" }\n");
      if (victim != null && t.pid() == victim.pid()) victimName = name;
      prev = name;
      prevSize = t == last ? size - extra : size;
    }
    if (victimName != null) y.append("expect:\n  killed: [").append(victimName).append("]\n");
    y.append("timeout: 30s\n");
    return y.toString();
  }

  private static long limitBytes(OomReport r) {
    var memory = r.counters().get("memory");
    if (memory != null && memory.limitKb() < (1L << 50)) return memory.limitKb() * 1024;
    return r.ramPages() == null ? 0 : r.ramPages() * 4096;
  }

  private static long roundUpMiB(long bytes) {
    return Math.max(MIB, (bytes + MIB - 1) / MIB * MIB);
  }

  private static long roundDownMiB(long bytes) {
    return Math.max(MIB, bytes / MIB * MIB);
  }

  private static String uniqueName(String comm, Set<String> used) {
    String base = comm.replaceAll("[^A-Za-z0-9_-]", "_");
    if (base.isEmpty()) base = "task";
    if (base.length() > 15) base = base.substring(0, 15);
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      String suffix = "-" + i;
      name = (base.length() + suffix.length() > 15 ? base.substring(0, 15 - suffix.length()) : base) + suffix;
    }
    return name;
  }
}

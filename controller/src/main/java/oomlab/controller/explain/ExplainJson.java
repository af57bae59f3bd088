package oomlab.controller.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oomlab.agent.oomreport.BadnessRanking;
import oomlab.agent.oomreport.Kill;
import oomlab.agent.oomreport.OomReport;

/** An explained event as one JSON object on one line (JSON Lines: one object per event). */
public final class ExplainJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExplainJson() {}

  public static String render(Explained e) {
    try {
      return JSON.writeValueAsString(tree(e));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex); // maps of strings and numbers always serialize
    }
  }

  static Map<String, Object> tree(Explained e) {
    OomReport r = e.report();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", e.number());
    m.put("source", e.source());
    m.put("time", r.time());
    m.put("uptime_s", r.uptimeSeconds());
    m.put("kernel", r.release());
    if (r.invoker() != null) {
      var i = r.invoker();
      Map<String, Object> inv = new LinkedHashMap<>();
      inv.put("comm", i.comm());
      inv.put("pid", i.pid());
      inv.put("gfp_mask", i.gfpMask());
      inv.put("gfp_flags", i.gfpFlags());
      inv.put("order", i.order());
      inv.put("oom_score_adj", i.oomScoreAdj());
      m.put("invoker", inv);
    } else {
      m.put("invoker", null);
    }
    m.put("constraint", r.constraint());
    m.put("constraint_derived", r.victim() != null && r.victim().constraintDerived());
    m.put("memcg", r.oomMemcg());
    Map<String, Object> counters = new LinkedHashMap<>();
    r.counters().forEach((name, c) -> counters.put(name, Map.of("usage_kb", c.usageKb(), "limit_kb", c.limitKb(), "failcnt", c.failcnt())));
    m.put("counters", counters);
    m.put("ram_kb", r.ramPages() == null ? null : r.ramPages() * 4);
    m.put("total_swap_kb", r.totalSwapKb());
    m.put("oom_group", r.groupMemcg());
    List<Object> kills = new ArrayList<>();
    for (Kill k : r.kills()) {
      Map<String, Object> km = new LinkedHashMap<>();
      km.put("pid", k.pid());
      km.put("comm", k.comm());
      km.put("constraint", k.constraint());
      km.put("memcg", k.oomMemcg());
      km.put("task_memcg", k.taskMemcg());
      km.put("anon_rss_kb", k.anonRssKb());
      km.put("file_rss_kb", k.fileRssKb());
      km.put("shmem_rss_kb", k.shmemRssKb());
      km.put("oom_score_adj", k.oomScoreAdj());
      km.put("group_member", k.groupMember());
      km.put("process", r.processOf(k));
      kills.add(km);
    }
    m.put("kills", kills);
    List<Object> reaps = new ArrayList<>();
    for (OomReport.Reap p : r.reaps()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("pid", p.pid());
      pm.put("reaped", p.reaped());
      if (p.reaped()) {
        pm.put("anon_rss_kb", p.anonRssKb());
        pm.put("file_rss_kb", p.fileRssKb());
        pm.put("shmem_rss_kb", p.shmemRssKb());
      }
      reaps.add(pm);
    }
    m.put("reaped", reaps);
    m.put("ranking", ranking(e.ranking()));
    m.put("header_missing", r.headerMissing());
    m.put("missing", r.missing());
    return m;
  }

  private static Map<String, Object> ranking(BadnessRanking k) {
    if (k == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", k.rule().era());
    if (k.totalPages() != null) {
      m.put("totalpages", Map.of("low", k.totalPages().low(), "source", k.totalPages().source()));
      if (k.totalPages().high() != null) m.put("totalpages_high", k.totalPages().high());
    }
    List<Object> rows = new ArrayList<>();
    for (var en : k.entries()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pid", en.task().pid());
      row.put("name", en.task().name());
      row.put("points", en.points());
      row.put("rss", en.task().rss());
      row.put("swapents", en.task().swapents());
      row.put("pgtables_pages", en.task().pageTablePages());
      row.put("oom_score_adj", en.task().oomScoreAdj());
      rows.add(row);
    }
    m.put("tasks", rows);
    m.put("never", k.excluded().stream().map(t -> t.pid()).toList());
    m.put("predicted_pid", k.predicted() == null ? null : k.predicted().pid());
    m.put("sharers", k.sharers().stream().map(t -> t.pid()).toList());
    m.put("victim_tops", k.victimTops());
    m.put("reason", k.reason());
    return m;
  }
}

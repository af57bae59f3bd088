package oomlab.agent.oomreport;

/**
 * The {@code totalpages} oom_badness scales oom_score_adj by, as far as a report shows it: for a
 * memcg OOM mem_cgroup_get_max(memcg) = memory.max + min(swap allowed, total_swap_pages) when
 * swappiness is not 0 (v1: memsw.max - memory.max; v2: swap.max); for a global one
 * totalram_pages() + total_swap_pages (show_mem's pages RAM - reserved, Total swap). A memcg
 * report prints neither swappiness nor the machine's swap: then {@code high} is the limit plus
 * the swap allowance if that is finite, else null (unknown), and {@code low} the limit alone.
 *
 * @param source how it was found, for a person
 */
public record TotalPages(long low, Long high, String source) {
  static final long PAGE_KB = 4;
  /** v1 and v2 print an unlimited counter as PAGE_COUNTER_MAX in kB: anything this large is "max". */
  static final long UNLIMITED_KB = 1L << 50;

  public boolean exact() {
    return high != null && high == low;
  }

  /** What the report supports, or null when it shows nothing to derive totalpages from. */
  static TotalPages of(OomReport r) {
    var memory = r.counters().get("memory");
    boolean memcg = "CONSTRAINT_MEMCG".equals(r.constraint()) || (r.oomMemcg() != null && memory != null);
    if (memcg && memory != null) {
      long limit = memory.limitKb() / PAGE_KB;
      var memsw = r.counters().get("memory+swap");
      var swap = r.counters().get("swap");
      Long allowance = null;
      String how;
      if (swap != null) {
        allowance = swap.limitKb() >= UNLIMITED_KB ? null : swap.limitKb() / PAGE_KB;
        how = "memory.max " + memory.limitKb() + "kB + min(swap.max, total swap)";
      } else if (memsw != null) {
        allowance = memsw.limitKb() >= UNLIMITED_KB ? null : Math.max(0, memsw.limitKb() - memory.limitKb()) / PAGE_KB;
        how = "limit " + memory.limitKb() + "kB + min(memsw limit - limit, total swap)";
      } else {
        how = "limit " + memory.limitKb() + "kB (+ swap, not printed)";
      }
      Long high = allowance == null ? null : limit + allowance;
      if (allowance != null && allowance == 0) how = "limit " + memory.limitKb() + "kB, no swap allowed";
      return new TotalPages(Math.max(1, limit), high == null ? null : Math.max(1, high), how);
    }
    if (r.ramPages() != null) {
      long swapPages = r.totalSwapKb() == null ? 0 : r.totalSwapKb() / PAGE_KB;
      long total = r.ramPages() + swapPages;
      String how = "RAM " + r.ramPages() + " pages (pages RAM - reserved) + swap " + swapPages + " pages";
      if ("CONSTRAINT_MEMORY_POLICY".equals(r.constraint())) {
        return new TotalPages(swapPages, total, how + "; a mempolicy OOM counts only its nodes' RAM");
      }
      return r.totalSwapKb() == null ? new TotalPages(r.ramPages(), null, how + " (Total swap not printed)") : new TotalPages(total, total, how);
    }
    return null;
  }
}

package oomlab.agent.oomreport;

import java.util.List;

/**
 * One row of dump_tasks' table, read by the header's column names (every era's set: 2.6.32 {@code
 * cpu oom_adj}, 3.8 {@code nr_ptes swapents oom_score_adj}, 4.0 {@code nr_pmds}, 4.15 {@code
 * pgtables_bytes}, 6.9 {@code rss_anon rss_file rss_shmem}). Memory values are in pages, page
 * tables in bytes where the kernel printed bytes.
 *
 * @param pageTablePages nr_ptes (+ nr_pmds), or pgtables_bytes / PAGE_SIZE; null when not printed
 * @param swapents null when not printed (before 3.8)
 * @param oomScoreAdj null when not printed (2.6.32 prints oom_adj only)
 */
public record DumpedTask(long pid, long uid, long tgid, long totalVm, long rss, Long pageTablePages, Long pageTableBytes,
    Long swapents, Integer oomScoreAdj, String name) {
  static final long PAGE_SIZE = 4096;

  /** The row read by {@code columns} (the header's names after {@code [ pid ]}), or null if it does not fit them. */
  static DumpedTask of(List<String> columns, ReportLine.DumpRow row) {
    int numeric = columns.size() - 1; // the last column is name
    if (row.numbers().size() < numeric || numeric < 4) return null;
    Long ptes = null, ptesBytes = null, swap = null;
    Integer adj = null;
    long uid = 0, tgid = 0, vm = 0, rss = 0;
    for (int i = 0; i < numeric; i++) {
      long v = row.numbers().get(i);
      switch (columns.get(i)) {
        case "uid" -> uid = v;
        case "tgid" -> tgid = v;
        case "total_vm" -> vm = v;
        case "rss" -> rss = v;
        case "nr_ptes", "nr_pmds" -> ptes = (ptes == null ? 0 : ptes) + v;
        case "pgtables_bytes" -> {
          ptesBytes = v;
          ptes = v / PAGE_SIZE;
        }
        case "swapents" -> swap = v;
        case "oom_score_adj" -> adj = (int) v;
        default -> { } // cpu, oom_adj, rss_anon, rss_file, rss_shmem: not in oom_badness
      }
    }
    return new DumpedTask(row.pid(), uid, tgid, vm, rss, ptes, ptesBytes, swap, adj, name(row.rest(), numeric));
  }

  /** What follows the numeric columns: the comm, which may itself hold spaces or digits. */
  private static String name(String rest, int numeric) {
    int i = 0;
    String s = rest.stripLeading();
    for (int n = 0; n < numeric; n++) {
      while (i < s.length() && s.charAt(i) != ' ') i++;
      while (i < s.length() && s.charAt(i) == ' ') i++;
    }
    return s.substring(i);
  }
}

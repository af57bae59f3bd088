package oomlab.agent.oomreport;

import java.util.List;

/**
 * The task table's column sets by era, for rows whose header line is not in the input (a paste
 * that starts inside the table): told apart by how many numbers a row has and, for seven, by
 * whether the fifth is a byte count (pgtables_bytes, 4.15+) or a page count (nr_ptes, 3.8-4.14).
 */
final class DumpColumns {
  static final List<String> NR_PTES = List.of("uid", "tgid", "total_vm", "rss", "nr_ptes", "swapents", "oom_score_adj", "name");
  static final List<String> NR_PMDS = List.of("uid", "tgid", "total_vm", "rss", "nr_ptes", "nr_pmds", "swapents", "oom_score_adj", "name");
  static final List<String> PGTABLES = List.of("uid", "tgid", "total_vm", "rss", "pgtables_bytes", "swapents", "oom_score_adj", "name");
  static final List<String> RSS_SPLIT = List.of("uid", "tgid", "total_vm", "rss", "rss_anon", "rss_file", "rss_shmem", "pgtables_bytes",
      "swapents", "oom_score_adj", "name");

  private DumpColumns() {}

  /** The column set a header-less row fits, or null when its count of numbers fits none. */
  static List<String> inferred(ReportLine.DumpRow row) {
    List<Long> n = row.numbers();
    return switch (n.size()) {
      case 7 -> n.get(4) >= DumpedTask.PAGE_SIZE && n.get(4) % DumpedTask.PAGE_SIZE == 0 ? PGTABLES : NR_PTES;
      case 8 -> NR_PMDS;
      case 10 -> RSS_SPLIT;
      default -> null;
    };
  }
}

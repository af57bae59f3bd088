package oomlab.controller.report;

/** The report's only style sheet, inlined in the page (no external file: the report travels alone). */
final class Css {
  private Css() {}

  static final String TEXT = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;color:#111827;max-width:1060px;margin:16px auto;padding:0 16px}
      h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;padding-top:10px;border-top:2px solid #e5e7eb}h3{font-size:14px;margin:10px 0 4px}
      code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
      .meta{color:#4b5563;font-size:12.5px}
      table{border-collapse:collapse;margin:6px 0 10px}th,td{border:1px solid #e5e7eb;padding:3px 7px;text-align:left;vertical-align:top}
      th{background:#f9fafb;font-weight:600}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
      .index td:first-child{white-space:nowrap}
      .outcome .f{margin-right:10px;white-space:nowrap}.outcome .fn{color:#6b7280}
      .v-conforms{color:#047857;font-weight:600}.v-diverges{color:#b91c1c;font-weight:600}.v-unknown{color:#b45309;font-weight:600}.v-error{color:#7c2d12;font-weight:600}.v-not{color:#6b7280}
      .s-ran{color:#047857}.s-refused{color:#b91c1c}.s-skipped{color:#6b7280}
      .bad{color:#b91c1c}tr.nodesign td{background:#fef2f2}
      .bar{display:inline-block;height:9px;background:#60a5fa;vertical-align:middle}
      .witness{margin:4px 0;padding-left:22px;font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace}
      .charts{display:flex;flex-wrap:wrap;gap:4px 16px}figure{margin:6px 0}figcaption{font-weight:600;font-size:13px}
      svg.chart{display:block}svg .axis{font-size:10px;fill:#6b7280}svg .mark{font-size:10px}
      .legend{font-size:12px;color:#374151}.legend>span{margin-right:14px}
      .sw{display:inline-block;width:18px;border-top:2px solid;vertical-align:middle;margin-right:4px}.sw.dashed{border-top-style:dashed}
      table.events td{border:none;padding:1px 7px;font-size:12.5px}tr.e-kernel_oom_kill td{color:#b91c1c}tr.e-oom_notified td{color:#b45309}
      details.rep{margin:4px 0;border-left:3px solid #e5e7eb;padding-left:8px}summary{cursor:pointer;color:#374151}
      """;
}

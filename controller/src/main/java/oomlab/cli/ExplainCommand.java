package oomlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import oomlab.controller.explain.Explain;
import oomlab.controller.explain.ExplainJson;
import oomlab.controller.explain.ExplainText;
import oomlab.controller.explain.Explained;
import oomlab.controller.explain.ReproScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oomlab explain [FILE...|-]}: reads saved kernel logs and says, per OOM event, why that process died. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {"Reads saved kernel log text (dmesg, dmesg -T, --time-format iso, journalctl -k, /var/log/messages,",
        "raw /dev/kmsg records; any era from 2.6.32 to 7.x) and says per OOM event: when, who invoked it (gfp mask,",
        "order), the constraint and memcg with its limit and usage, the victims with rss and oom_score_adj, the",
        "reaper's result, and the oom_badness ranking of the task table as that kernel computes it: whether the",
        "victim tops it, and when not, the reason the report supports. Lines of userspace programs that quote kernel",
        "messages (node-problem-detector, kubectl events) are not kernel lines and are ignored."},
    footer = {"", "Examples:",
        "  dmesg | oomlab explain",
        "  oomlab explain /var/log/messages",
        "  journalctl -k -b -1 | oomlab explain - --json",
        "  oomlab explain ticket.log --scenario repro.yaml --scale 8",
        "  oomlab run repro.yaml --target vm:6.1",
        "", "Exit codes: 0 read (also when no OOM report was found), 2 an input is missing or binary,",
        "3 the scenario could not be written."})
public final class ExplainCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Saved kernel logs; - or none: standard input.")
  List<String> files = List.of();

  @Option(names = "--json", description = "One JSON object per event, one per line.")
  boolean json;

  @Option(names = "--scenario", paramLabel = "FILE.yaml", description = "Write a scenario reproducing an event (see --event, --scale).")
  Path scenario;

  @Option(names = "--event", paramLabel = "N", description = "The event --scenario reproduces (default: the first with a task table).")
  Integer event;

  @Option(names = "--scale", paramLabel = "N", description = "Divide the limit and every rss by N for --scenario (default: down to a 64M limit).")
  Long scale;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (scale != null && scale < 1) return bad(err, "--scale: " + scale + " is not a factor >= 1");
    if (event != null && event < 1) return bad(err, "--event: " + event + " is not an event number (they count from 1)");
    List<String> inputs = files.isEmpty() ? List.of("-") : files;
    if (files.isEmpty() && System.console() != null && System.console().isTerminal()) {
      return bad(err, "no FILE given and standard input is a terminal: pass a log file, or pipe one (dmesg | oomlab explain)");
    }
    Explained[] repro = new Explained[1];
    Explain explain = new Explain(e -> {
      out.print(json ? ExplainJson.render(e) + "\n" : (e.number() > 1 ? "\n" : "") + ExplainText.render(e));
      out.flush();
      if (scenario != null && repro[0] == null && (event != null ? e.number() == event : !e.report().dump().isEmpty())) repro[0] = e;
    });
    try {
      for (String f : inputs) explain.read(f, System.in);
    } catch (Explain.BadInput e) {
      return bad(err, e.getMessage());
    } catch (IOException e) {
      return bad(err, "reading: " + e.getMessage());
    }
    var totals = explain.totals();
    if (totals.events() == 0) {
      out.println(json ? "" : "no OOM report found (" + totals.lines() + " lines read)");
      out.flush();
      if (json) err.println("oomlab explain: no OOM report found (" + totals.lines() + " lines read)");
    }
    if (totals.cutLines() > 0) err.println("oomlab explain: " + totals.cutLines() + " lines longer than 64 KiB were cut (no kernel line is)");
    if (scenario == null) return Oomlab.EXIT_OK;
    if (repro[0] == null) {
      return bad(err, "--scenario: " + (event != null ? "there is no event " + event : "no event with a task table to reproduce"));
    }
    try {
      long factor = scale != null ? scale : ReproScenario.autoFactor(repro[0].report());
      Files.writeString(scenario, ReproScenario.yaml(repro[0], factor));
      err.println("oomlab explain: wrote " + scenario + " (event " + repro[0].number() + ", scaled by 1/" + factor + ")");
      return Oomlab.EXIT_OK;
    } catch (IllegalArgumentException e) {
      return bad(err, "--scenario: " + e.getMessage());
    } catch (IOException e) {
      err.println("oomlab explain: " + scenario + ": " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    }
  }

  private static int bad(PrintWriter err, String message) {
    err.println("oomlab explain: " + message);
    return Oomlab.EXIT_BAD_INPUT;
  }
}

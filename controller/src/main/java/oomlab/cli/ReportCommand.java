package oomlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import oomlab.controller.report.HtmlReport;
import oomlab.controller.report.ReportInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oomlab report DIR}: (re)writes DIR/report.html from a results directory's files. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"(Re)writes DIR/report.html from the files of a results directory of oomlab run (summary.json, each",
        "run's trace.jsonl and verdicts.json) and prints its path. The page is self-contained: inline CSS and SVG."},
    footer = {"", "Examples:", "  oomlab report oomlab-results/20261123-081500", "",
        "Exit codes: 0 written, 2 DIR is not a results directory, 3 the file could not be written."})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "A results directory (holds summary.json).")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      spec.commandLine().getOut().println(HtmlReport.write(dir));
      return Oomlab.EXIT_OK;
    } catch (ReportInputException e) {
      spec.commandLine().getErr().println("oomlab report: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    } catch (IOException e) {
      spec.commandLine().getErr().println("oomlab report: " + dir + ": " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    }
  }
}

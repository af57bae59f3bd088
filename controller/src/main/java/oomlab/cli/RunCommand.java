package oomlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oomlab.bindings.HostFacts;
import oomlab.controller.format.CellResult;
import oomlab.controller.format.FormatFiles;
import oomlab.controller.format.ResultFormat;
import oomlab.controller.format.RunResults;
import oomlab.controller.report.HtmlReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oomlab run}: runs scenarios on a target and writes DESIGN section 6's results.
 *
 * <p>Exit codes: 2 when any input is bad (a file that does not load, duplicate names, a knob the
 * hierarchy lacks on a scenario meant for it): then nothing is created or run. Otherwise every
 * runnable scenario runs, and the code is the most important of: 1 an {@code expect:} failed,
 * 6 the kernel reported a problem about itself in a scenario (outranks the others), 5 a scenario
 * hit its {@code timeout} while tasks still made progress, 3 a scenario was refused
 * for the environment (a negative oom_score_adj without CAP_SYS_RESOURCE) or failed to set up,
 * 0 otherwise. Scenarios marked for the other hierarchy ({@code cgroup: v1} on v2) are skipped and
 * do not change the code.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Runs scenarios (files, or suite directories of *.yaml) and holds each outcome against the designs.",
        "Per scenario it prints one line (killed, survived, blocked, notifications, counters, verdicts, expect) and writes",
        "<out>/<scenario>/{trace.jsonl,outcome.json,verdicts.json} (with --repeat N: <out>/<scenario>/<k>/...) and <out>/summary.json."},
    footer = {"", "Examples:", "  oomlab run scenarios/basic --target local", "  oomlab run scenarios/basic --format ktap,junit,kcidb",
        "  oomlab run scenarios/basic/02-largest-of-several.yaml --repeat 20 --verbose",
        "", "Exit codes: 0 done, 1 expect failed, 2 bad input, 3 environment missing (scenario refused, or a kernel whose config lacks",
        "what a guest needs), 4 guest kernel panic, 5 timeout, 6 the kernel reported a problem about itself during a scenario",
        "(WARNING, BUG, Oops, lockdep, lockup, hung task, RCU stall, KASAN/KFENCE/UBSAN, or a new taint flag)."})
public final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SCENARIO|SUITE", arity = "1..*", description = "Scenario YAML files or suite directories.")
  List<Path> inputs;

  // Experiments that kill processes belong in a guest, where the agent is full root and both
  // cgroup versions exist (DESIGN section 6); local stays for the machine's own kernel.
  @Option(names = "--target", defaultValue = "vm:6.1",
      description = "Where to run: vm:KERNEL (5.10, 6.1, 6.12, 7.2: a Debian kernel booted in QEMU, cgroup v2 unless --cgroup v1;"
          + " a name from 'oomlab kernels add'; or a path: a kernel build tree after make, an image file, a kernel .deb)"
          + " or local (this machine's kernel). Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(names = "--modules", paramLabel = "ROOT",
      description = "With --target vm:IMAGE: the INSTALL_MOD_PATH root holding lib/modules/<release> of that image.")
  Path modules;

  @Option(names = "--kconfig", paramLabel = "FILE",
      description = "With --target vm:IMAGE: the image's .config (default: ROOT/boot/config-<release>, else the image's IKCONFIG).")
  Path kconfig;

  @Option(names = "--dry-run", description = "With --target vm:KERNEL: print the QEMU command line instead of booting.")
  boolean dryRun;

  @Option(names = "--cgroup", paramLabel = "v1|v2", description = "Hierarchy to use; default: v2 in a guest, on local the one holding the memory controller.")
  String cgroup;

  @Option(names = "--designs", split = ",", paramLabel = "LIST", description = "Designs to check against (default: all).")
  List<String> designs;

  @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", converter = OptionValues.Repeat.class, description = "Runs per scenario; the summary shows the distribution of outcomes.")
  int repeat;

  @Option(names = "--out", paramLabel = "DIR", converter = OptionValues.OutDir.class, description = "Results directory (default: ./oomlab-results/<timestamp>).")
  Path out;

  @Option(names = "--json", description = "Print summary.json instead of the text lines (the same as --format json).")
  boolean json;

  // A matrix shard's part of the work (MatrixCommand --shard): not for users, hence hidden.
  @Option(names = "--select", split = ",", hidden = true, paramLabel = "SCENARIO#K")
  List<String> select;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT[,FORMAT...]",
      description = "text, json, ktap (KTAP v1, as kselftest prints), junit (JUnit XML as Surefire writes it), kcidb (KernelCI's"
          + " KCIDB JSON). The first is printed; each is also written to the results directory (run.txt, summary.json,"
          + " results.ktap, junit.xml, kcidb.json). Default: text.")
  List<String> formats;

  @Option(names = "--verbose", description = "Print every repetition and the time of each phase.")
  boolean verbose;

  @Option(names = "--settle", defaultValue = "300ms", paramLabel = "DUR", converter = OptionValues.ScenarioDuration.class,
      description = "How long a task may make no progress before the run counts it stuck. Default: ${DEFAULT-VALUE}.")
  String settle;

  @Option(names = "--max-states", defaultValue = "1000000", paramLabel = "N", converter = OptionValues.MaxStates.class,
      description = "Exploration bound per design; beyond it a verdict is unknown. Default: ${DEFAULT-VALUE}.")
  long maxStates;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<ResultFormat> asked;
    try {
      asked = ResultFormat.parse(formats != null ? formats : List.of(json ? "json" : "text"));
    } catch (IllegalArgumentException e) {
      stderr.println("oomlab run: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    Path results = out != null ? out : Run.defaultResults();
    boolean textFirst = asked.getFirst() == ResultFormat.TEXT;
    // The text lines are printed live when they come first; otherwise they are only kept for run.txt.
    StringWriter text = new StringWriter();
    PrintWriter lines = textFirst ? new PrintWriter(new TeeWriter(stdout, text), true) : new PrintWriter(text, true);
    RunOptions options = new RunOptions(inputs, target, dryRun, cgroup, designs, repeat, results,
        !asked.contains(ResultFormat.TEXT), verbose, settle, maxStates).selecting(select);
    int exit = Run.execute(options, new oomlab.controller.vm.KernelFiles(modules, kconfig), lines, stderr);
    lines.flush();
    if (dryRun || exit == Oomlab.EXIT_BAD_INPUT) {
      if (!textFirst) stdout.print(text);
      return exit;
    }
    try {
      Files.createDirectories(results);
      HostFacts host = HostFacts.ofThisHost();
      if (RunResults.addHost(results, host)) HtmlReport.writeAfterRun(results, null, stderr);
      if (formats != null || json) {
        CellResult cell = CellResult.read(results, target, cgroup, exit);
        var written = new FormatFiles(results, "run.txt", RunResults.runId(results), List.of(cell), host)
            .write(asked, text.toString(), RunResults.summaryText(results));
        if (!textFirst) stdout.print(written.get(asked.getFirst()));
      }
    } catch (IOException | RuntimeException e) {
      stderr.println("oomlab run: formats not written: " + e.getMessage());
      return exit == Oomlab.EXIT_OK ? Oomlab.EXIT_ENVIRONMENT : exit;
    }
    stdout.flush();
    return exit;
  }
}

package oomlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import oomlab.controller.bench.BenchOutput;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the real-kernel benchmarks share: {@code --out}, root, printing the figures and writing
 * them, and the exit codes (3 when the machine cannot run them: not root, no memory cgroup,
 * no /dev/kmsg).
 */
abstract class BenchKernelCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", converter = OptionValues.OutDir.class, description = "Also write bench-<name>.txt and bench-<name>.json there.")
  Path out;

  @Spec CommandSpec spec;

  /** The benchmark's name in file names and messages ({@code notify}). */
  abstract String name();

  /** Runs it; returns the text to print and the record to write as JSON. */
  abstract Figures measure() throws IOException, InterruptedException;

  record Figures(String text, Object result) {}

  @Override
  public final Integer call() {
    try {
      if (oomlab.agent.proc.ProcFs.status(ProcessHandle.current().pid()).euid() != 0) {
        spec.commandLine().getErr().println("oomlab bench " + name() + ": needs root (memory cgroups, /dev/kmsg, /proc writes)");
        return Oomlab.EXIT_ENVIRONMENT;
      }
      Figures f = measure();
      spec.commandLine().getOut().print(f.text());
      spec.commandLine().getOut().flush();
      if (out != null) BenchOutput.write(out, name(), f.text(), f.result());
      return Oomlab.EXIT_OK;
    } catch (IOException | IllegalStateException e) {
      spec.commandLine().getErr().println("oomlab bench " + name() + ": " + e.getMessage());
      return Oomlab.EXIT_ENVIRONMENT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Oomlab.EXIT_ENVIRONMENT;
    }
  }
}

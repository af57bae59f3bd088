package oomlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.stop.StopRequest;
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
  private int stopped;

  /**
   * Measures on a thread of its own (which forks the C programs: their PR_SET_PDEATHSIG follows
   * that thread) while this one watches SIGINT and SIGTERM. A signal ends the benchmark like its
   * end: the bench's run directory is removed here (its processes killed, which also ends the
   * measuring thread's blocking reads), the measuring thread unwinds through its own closes, and
   * the command exits 130/143 with nothing printed but one line. Null when stopped.
   */
  private Figures measureUnlessStopped() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    try (StopRequest stop = StopRequest.install(line -> {
      err.println("oomlab bench " + name() + ": " + line);
      err.flush();
    })) {
      CompletableFuture<Figures> figures = new CompletableFuture<>();
      Thread worker = Thread.ofPlatform().name("oomlab-bench-" + name()).start(() -> {
        try {
          figures.complete(measure());
        } catch (Throwable t) {
          figures.completeExceptionally(t);
        }
      });
      while (!figures.isDone() && !stop.requested()) {
        try {
          figures.get(20, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // polled again: done (the result is read below) or not yet
        }
      }
      if (!stop.requested()) return result(figures);
      worker.interrupt();
      Optional<AgentRoot> root = AgentRoot.find();
      if (root.isPresent()) root.get().removeOwnRuns(); // kills its processes: the worker's reads end
      worker.join(TimeUnit.SECONDS.toMillis(10));
      // Again after the worker's own closes: whatever is left now is reported.
      if (root.isPresent()) root.get().removeOwnRuns().failures().forEach(l -> err.println("oomlab bench " + name() + ": left: " + l));
      err.println("oomlab bench " + name() + ": stopped by " + stop.signalName());
      err.flush();
      stopped = stop.exitCode();
      return null;
    }
  }

  private static Figures result(CompletableFuture<Figures> figures) throws IOException, InterruptedException {
    try {
      return figures.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case InterruptedException ie -> throw ie;
        case RuntimeException re -> throw re;
        case Error er -> throw er;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

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
      Figures f = measureUnlessStopped();
      if (f == null) return stopped;
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

package oomlab.controller.matrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a matrix's cells, up to {@code jobs} at once, and returns them ended in their own order,
 * whatever order they finished in: the results of {@code --jobs N} are those of {@code --jobs 1}.
 * While cells run, a line on {@code progress} names every running cell whenever one starts or ends.
 */
public final class CellRunner {
  /** One cell's run: its exit code. */
  public interface Cell {
    int run(MatrixCell cell) throws IOException, InterruptedException;
  }

  private final int jobs;
  private final PrintWriter progress;
  private final Set<String> running = new LinkedHashSet<>();
  private int finished;

  public CellRunner(int jobs, PrintWriter progress) {
    this.jobs = Math.max(1, jobs);
    this.progress = progress;
  }

  /** @param toRun the cells to run, in matrix order (cells already ended, skipped ones, are passed through) */
  public List<MatrixCell> run(List<MatrixCell> toRun, Cell cell) throws IOException {
    int total = (int) toRun.stream().filter(c -> c.skipped() == null).count();
    List<Future<MatrixCell>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("oomlab-cell-", 1).factory());
    try {
      for (MatrixCell c : toRun) {
        if (c.skipped() != null) {
          futures.add(java.util.concurrent.CompletableFuture.completedFuture(c));
          continue;
        }
        futures.add(pool.submit(() -> {
          started(c, total);
          int code = -1;
          try {
            code = cell.run(c);
            return c.ran(code);
          } finally {
            ended(c, code, total);
          }
        }));
      }
      List<MatrixCell> done = new ArrayList<>();
      for (Future<MatrixCell> f : futures) done.add(f.get());
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while cells ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private synchronized void started(MatrixCell c, int total) {
    running.add(c.label());
    line("cell " + c.label() + " started", total);
  }

  private synchronized void ended(MatrixCell c, int code, int total) {
    running.remove(c.label());
    finished++;
    line("cell " + c.label() + " ended, exit " + code, total);
  }

  private void line(String what, int total) {
    progress.println("oomlab matrix: " + what + "; " + finished + "/" + total + " done; running: "
        + (running.isEmpty() ? "none" : String.join(", ", running)));
    progress.flush();
  }
}

package oomlab.controller.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import oomlab.agent.proc.OomScoreAdjFile;
import oomlab.agent.proc.ProcFs;
import oomlab.agent.run.KernelRelease;

/**
 * {@code oomlab bench oom-score-adj}: seed 003's measurement. The latency of a write to
 * {@code /proc/PID/oom_score_adj} for a target process with 1, 10, 100, 1000 threads, and for a
 * process whose mm is shared by 1, 10, 100 other processes (clone(CLONE_VM) without CLONE_THREAD):
 * since 5.9 (Baghdasaryan's fix) only the second kind makes __set_oom_adj walk every process in
 * the system to keep their adj in sync, so its cost grows with the number of processes here,
 * printed with the results.
 *
 * <p>Two ways to write, each by oomlab (Java) and by the C baseline: open + write + close per value
 * ({@link ProcFs#setOomScoreAdj}; the fields {@code oomlab} and {@code c}) and writes through one
 * fd held open ({@link OomScoreAdjFile}; {@code oomlabHeldFd}, {@code cHeldFd}). Both write the
 * same target alternately 100 and 200: positive values only, since lowering below
 * oom_score_adj_min needs CAP_SYS_RESOURCE, which root lacks here. The sides are interleaved in
 * batches of {@link #BATCH} (Java, C, Java, C, ..., who goes first alternating per round), so that
 * a noisy moment on the shared machine falls on both sides. Java's writers run {@link #JAVA_WARMUP}
 * times first (about 0.7 s), so that what is measured is C2's code in its steady state: the bench
 * used to measure C1's code after 3000 writes, and after 30000 the first targets' held-fd writes
 * still took 0.67 µs where later ones took 0.54.
 */
public final class OomScoreAdjBench {
  static final int WRITES = 2000;
  static final int BATCH = 100;
  static final int JAVA_WARMUP = 200_000;
  static final int TARGET_WARMUP = 1000;

  /** A target process: threads in it, and processes sharing its mm besides itself. */
  public record Target(String label, int threads, int sharers) {}

  /**
   * One target's figures: open + write + close ({@code oomlab}, {@code c}, their ratio) and writes
   * through a held fd ({@code oomlabHeldFd}, {@code cHeldFd}, {@code heldFdRatio}).
   */
  public record Row(Target target, Latency oomlab, Latency c, Latency.Ratio ratio,
                    Latency oomlabHeldFd, Latency cHeldFd, Latency.Ratio heldFdRatio) {}

  /** {@code load}: /proc/loadavg before and after. */
  public record Result(String kernel, long processesOnHost, int writesPerTarget, List<Row> rows,
                       int batch, int javaWarmup, String loadBefore, String loadAfter) {}

  static final List<Target> TARGETS = List.of(
      new Target("1 thread", 1, 0), new Target("10 threads", 10, 0), new Target("100 threads", 100, 0),
      new Target("1000 threads", 1000, 0), new Target("mm shared by 2 processes", 1, 1),
      new Target("mm shared by 11 processes", 1, 10), new Target("mm shared by 101 processes", 1, 100));

  private OomScoreAdjBench() {}

  public static Result run() throws IOException {
    String loadBefore = HostLoad.now();
    List<Row> rows = new ArrayList<>();
    long processes = ProcessHandle.allProcesses().count();
    boolean warm = false;
    for (Target t : TARGETS) {
      try (BaselineProgram sleeper = BaselineProgram.start("sleeper", Integer.toString(t.threads()), Integer.toString(t.sharers()))) {
        long pid = Long.parseLong(sleeper.expect("ready")[1]);
        processes = Math.max(processes, ProcessHandle.allProcesses().count());
        try (OomScoreAdjFile held = OomScoreAdjFile.open(pid);
             BaselineProgram writer = BaselineProgram.start("adj", Long.toString(pid), "100", "200")) {
          writer.expect("ready");
          int warmup = warm ? TARGET_WARMUP : JAVA_WARMUP; // JIT once, then this target's page cache and dentries
          writeJava(pid, new long[warmup]);
          writeJava(held, new long[warmup]);
          warm = true;
          rows.add(measure(t, pid, held, writer));
        }
      }
    }
    return new Result(KernelRelease.current(), processes, WRITES, rows, BATCH, JAVA_WARMUP, loadBefore, HostLoad.now());
  }

  private static Row measure(Target t, long pid, OomScoreAdjFile held, BaselineProgram writer) throws IOException {
    long[] java = new long[WRITES];
    long[] c = new long[WRITES];
    long[] javaHeld = new long[WRITES];
    long[] cHeld = new long[WRITES];
    long[] batch = new long[BATCH];
    for (int round = 0; round * BATCH < WRITES; round++) {
      int at = round * BATCH;
      boolean javaFirst = (round & 1) == 0;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == javaFirst) {
          writeJava(pid, batch);
          System.arraycopy(batch, 0, java, at, BATCH);
          writeJava(held, batch);
          System.arraycopy(batch, 0, javaHeld, at, BATCH);
        } else {
          writeC(writer, "open", c, at);
          writeC(writer, "held", cHeld, at);
        }
      }
    }
    Latency oj = Latency.ofNanos(java);
    Latency oc = Latency.ofNanos(c);
    Latency hj = Latency.ofNanos(javaHeld);
    Latency hc = Latency.ofNanos(cHeld);
    return new Row(t, oj, oc, oj.over(oc), hj, hc, hj.over(hc));
  }

  /** Open + write + close, {@code nanos.length} times; each write's duration into {@code nanos}. */
  private static void writeJava(long pid, long[] nanos) throws IOException {
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      ProcFs.setOomScoreAdj(pid, (i & 1) == 0 ? 100 : 200);
      nanos[i] = System.nanoTime() - start;
    }
  }

  /** Writes through the held fd. */
  private static void writeJava(OomScoreAdjFile held, long[] nanos) throws IOException {
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      held.write((i & 1) == 0 ? 100 : 200);
      nanos[i] = System.nanoTime() - start;
    }
  }

  private static void writeC(BaselineProgram writer, String mode, long[] into, int at) throws IOException {
    writer.send(mode + " " + BATCH);
    String[] w = writer.expect("adj");
    if (w.length != BATCH + 1) throw new IOException("oomlab-baseline adj: " + (w.length - 1) + " figures, expected " + BATCH);
    for (int i = 0; i < BATCH; i++) into[at + i] = Long.parseLong(w[i + 1]);
  }

  public static String text(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "oom-score-adj: kernel %s, %d processes on the host, %d writes per target and way "
        + "(values 100/200), Java and C interleaved in batches of %d; load %s -> %s%n", r.kernel(), r.processesOnHost(),
        r.writesPerTarget(), r.batch(), r.loadBefore(), r.loadAfter()));
    sb.append(String.format(Locale.ROOT, "%-27s %-24s %-24s %-14s %-22s %-22s %-14s%n", "target",
        "open+write+close: Java", "C µs med/p90/max", "Java/C med/p90", "held fd: Java", "C", "Java/C"));
    for (Row row : r.rows()) {
      sb.append(String.format(Locale.ROOT, "%-27s %-24s %-24s %-14s %-22s %-22s %-14s%n", row.target().label(),
          row.oomlab().text(), row.c().text(), row.ratio().text(), row.oomlabHeldFd().text(), row.cHeldFd().text(),
          row.heldFdRatio().text()));
    }
    Row single = r.rows().getFirst();
    Row shared = r.rows().getLast();
    sb.append(String.format(Locale.ROOT, "seed 003 style (C median, open+write+close): %s us (%s) -> %s us (%s); Pixel 4 in the seed: 3.57 us -> 362 us%n",
        Latency.us(single.c().medianUs()), single.target().label(), Latency.us(shared.c().medianUs()), shared.target().label()));
    return sb.toString();
  }
}

package oomlab.controller.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oomlab.agent.proc.ProcFs;
import oomlab.agent.run.KernelRelease;

/**
 * {@code oomlab bench oom-score-adj}: seed 003's measurement. The latency of a write to
 * {@code /proc/PID/oom_score_adj} (open, write, close) for a target process with 1, 10, 100, 1000
 * threads, and for a process whose mm is shared by 1, 10, 100 other processes (clone(CLONE_VM)
 * without CLONE_THREAD): since 5.9 (Baghdasaryan's fix) only the second kind makes __set_oom_adj
 * walk every process in the system to keep their adj in sync, so its cost grows with the number
 * of processes here, printed with the results. oomlab's writer ({@link ProcFs#setOomScoreAdj},
 * Java) and the C baseline write the same target alternately 100 and 200: positive values only,
 * since lowering below oom_score_adj_min needs CAP_SYS_RESOURCE, which root lacks here.
 */
public final class OomScoreAdjBench {
  static final int WRITES = 2000;
  static final int JAVA_WARMUP = 3000;

  /** A target process: threads in it, and processes sharing its mm besides itself. */
  public record Target(String label, int threads, int sharers) {}

  /** One target's figures. */
  public record Row(Target target, Latency oomlab, Latency c) {}

  public record Result(String kernel, long processesOnHost, int writesPerTarget, List<Row> rows) {}

  static final List<Target> TARGETS = List.of(
      new Target("1 thread", 1, 0), new Target("10 threads", 10, 0), new Target("100 threads", 100, 0),
      new Target("1000 threads", 1000, 0), new Target("mm shared by 2 processes", 1, 1),
      new Target("mm shared by 11 processes", 1, 10), new Target("mm shared by 101 processes", 1, 100));

  private OomScoreAdjBench() {}

  public static Result run() throws IOException {
    List<Row> rows = new ArrayList<>();
    long processes = ProcessHandle.allProcesses().count();
    for (Target t : TARGETS) {
      try (BaselineProgram sleeper = BaselineProgram.start("sleeper", Integer.toString(t.threads()), Integer.toString(t.sharers()))) {
        long pid = Long.parseLong(sleeper.expect("ready")[1]);
        processes = Math.max(processes, ProcessHandle.allProcesses().count());
        writeJava(pid, JAVA_WARMUP); // JIT and the page cache of the path lookup, not measured
        Latency java = Latency.ofNanos(writeJava(pid, WRITES));
        Latency c;
        try (BaselineProgram writer = BaselineProgram.start("adj", Long.toString(pid), Integer.toString(WRITES), "100", "200")) {
          String[] w = writer.expect("adj");
          c = new Latency(WRITES, Long.parseLong(w[1]) / 1e3, Long.parseLong(w[2]) / 1e3, Long.parseLong(w[3]) / 1e3);
        }
        rows.add(new Row(t, java, c));
      }
    }
    return new Result(KernelRelease.current(), processes, WRITES, rows);
  }

  private static List<Long> writeJava(long pid, int writes) throws IOException {
    List<Long> nanos = new ArrayList<>(writes);
    for (int i = 0; i < writes; i++) {
      long start = System.nanoTime();
      ProcFs.setOomScoreAdj(pid, (i & 1) == 0 ? 100 : 200);
      nanos.add(System.nanoTime() - start);
    }
    return nanos;
  }

  public static String text(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "oom-score-adj: kernel %s, %d processes on the host, %d writes per target "
        + "(open + write + close of /proc/PID/oom_score_adj, values 100/200)%n", r.kernel(), r.processesOnHost(), r.writesPerTarget()));
    sb.append(String.format(Locale.ROOT, "%-28s %-28s %-28s%n", "target", "oomlab (Java) µs med/p90/max", "baseline (C) µs med/p90/max"));
    for (Row row : r.rows()) {
      sb.append(String.format(Locale.ROOT, "%-28s %-28s %-28s%n", row.target().label(), row.oomlab().text(), row.c().text()));
    }
    Row single = r.rows().getFirst();
    Row shared = r.rows().getLast();
    sb.append(String.format(Locale.ROOT, "seed 003 style (C median): %s us (%s) -> %s us (%s); Pixel 4 in the seed: 3.57 us -> 362 us%n",
        Latency.us(single.c().medianUs()), single.target().label(), Latency.us(shared.c().medianUs()), shared.target().label()));
    return sb.toString();
  }
}

package oomlab.agent.workload;

import java.util.OptionalLong;

/**
 * One line a workload process reports on its stdout, parsed. The grammar (oomlab-workload.c):
 * {@code <task> ready <pid>}, {@code <task> clone <name> <pid>}, {@code <task> step <bytes> [<resident>]},
 * {@code <task> enomem <bytes> <errno>}, {@code <task> done <bytes>}, {@code <task> error <what> <errno>}.
 */
public sealed interface WorkloadReport {
  String task();

  /** Joined its cgroup and set its oom_score_adj; waits for the start. */
  record Ready(String task, long pid) implements WorkloadReport {}

  /** Made {@code sharer}, a process sharing its mm, with pid {@code pid}. */
  record Cloned(String task, String sharer, long pid) implements WorkloadReport {}

  /** Has allocated {@code bytes} in all; populate mode adds what mincore found resident. */
  record Step(String task, long bytes, OptionalLong resident) implements WorkloadReport {}

  /** A charge failed with {@code errno} (ENOMEM, or mlock's EAGAIN) after {@code bytes}. */
  record Enomem(String task, long bytes, int errno) implements WorkloadReport {}

  /** Finished allocating (after an ENOMEM too) with {@code bytes}; now holds them. */
  record Done(String task, long bytes) implements WorkloadReport {}

  /** A setup call failed ({@code what}: cgroup.procs, oom_score_adj, mmap, ...); the process exits. */
  record Error(String task, String what, int errno) implements WorkloadReport {}

  /** Parses one line; an {@link IllegalArgumentException} quotes a line outside the grammar. */
  static WorkloadReport parse(String line) {
    String[] f = line.strip().split(" ");
    try {
      String task = f[0];
      return switch (f.length > 1 ? f[1] : "") {
        case "ready" -> new Ready(task, Long.parseLong(f[2]));
        case "clone" -> new Cloned(task, f[2], Long.parseLong(f[3]));
        case "step" -> new Step(task, Long.parseLong(f[2]),
            f.length > 3 ? OptionalLong.of(Long.parseLong(f[3])) : OptionalLong.empty());
        case "enomem" -> new Enomem(task, Long.parseLong(f[2]), Integer.parseInt(f[3]));
        case "done" -> new Done(task, Long.parseLong(f[2]));
        case "error" -> new Error(task, f[2], Integer.parseInt(f[3]));
        default -> throw new IllegalArgumentException("unknown report");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("workload report outside the grammar: \"" + line + "\"", e);
    }
  }
}

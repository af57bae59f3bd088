package oomlab.model.scenario;

import java.util.Optional;

/**
 * One task: one process of the C workload program.
 *
 * @param name        {@code [A-Za-z0-9_-]{1,15}}: fits the kernel's 15-character comm
 * @param cgroup      path of the cgroup it joins before allocating anything
 * @param allocate    total bytes to allocate (0 allowed, e.g. for a {@code shareMm} task)
 * @param step        bytes per step; each step is reported. Default {@link #DEFAULT_STEP} (1M)
 * @param mode        how the memory is charged
 * @param oomScoreAdj written to {@code /proc/self/oom_score_adj} before allocating, in [-1000, 1000]
 * @param threads     threads allocating together (default 1); each takes an equal share
 * @param shareMm     name of a task whose mm this one shares (a CLONE_VM process, seed 003)
 * @param start       when to start allocating; empty = at the common start
 */
public record TaskSpec(String name, String cgroup, long allocate, long step, AllocationMode mode,
            int oomScoreAdj, int threads, Optional<String> shareMm,
            Optional<StartCondition> start) {

  /** 1M: small enough that a task crosses a 16M limit in many steps, large enough to be quick. */
  public static final long DEFAULT_STEP = Size.M;
  public static final int DEFAULT_THREADS = 1;

  public TaskSpec {
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(cgroup, "cgroup");
    java.util.Objects.requireNonNull(mode, "mode");
    java.util.Objects.requireNonNull(shareMm, "shareMm");
    java.util.Objects.requireNonNull(start, "start");
  }

  /** A plain touching task with default step, adj 0, one thread, started at the common start. */
  public static TaskSpec touching(String name, String cgroup, long allocate) {
    return new TaskSpec(name, cgroup, allocate, DEFAULT_STEP, AllocationMode.TOUCH, 0,
        DEFAULT_THREADS, Optional.empty(), Optional.empty());
  }
}

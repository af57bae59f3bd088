package oomlab.model.scenario;

/**
 * When a userspace handler acts (the {@code on:} key), once per run. The grammar, one line each:
 * {@code oom <cgroup>}, {@code after <task> <size>}.
 */
public sealed interface HandlerTrigger {

  /**
   * The first OOM notification of {@code cgroup}: v1 the eventfd on {@code memory.oom_control},
   * v2 a rise of {@code memory.events} {@code oom}.
   */
  record Oom(String cgroup) implements HandlerTrigger {
    @Override
    public String toString() {
      return "oom " + cgroup;
    }
  }

  /**
   * {@code task} has reported at least {@code allocated} bytes, as {@code start: after} means it:
   * no OOM needed. It never fires if the task dies or stops below that size.
   */
  record After(String task, long allocated) implements HandlerTrigger {
    @Override
    public String toString() {
      return "after " + task + " " + Size.format(allocated);
    }
  }
}

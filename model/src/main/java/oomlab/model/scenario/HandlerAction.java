package oomlab.model.scenario;

/**
 * What a userspace handler does (the {@code do:} key). The grammar, one line each:
 * {@code raise-limit <cgroup> <size>}, {@code set-limit <cgroup> <size>}, {@code kill <task>},
 * {@code move <task> <cgroup>}, {@code oom-kill-disable <cgroup> 0}.
 */
public sealed interface HandlerAction {

  /**
   * Whether the action is a limit write, whose result ({@code ok} or the errno name) the outcome
   * records and {@code expect.handlers} may name.
   */
  default boolean writesLimit() {
    return false;
  }

  /** Writes a larger limit ({@code memory.limit_in_bytes} / {@code memory.max}). */
  record RaiseLimit(String cgroup, long limit) implements HandlerAction {
    @Override
    public boolean writesLimit() {
      return true;
    }

    @Override
    public String toString() {
      return "raise-limit " + cgroup + " " + Size.format(limit);
    }
  }

  /**
   * Writes any limit, also one below the cgroup's usage: v1 {@code mem_cgroup_resize_max} then
   * answers EBUSY (nothing reclaimable) and keeps the old limit; v2 {@code memory_max_write}
   * keeps the new one and OOM-kills in the writer's context until usage fits or no victim is left.
   */
  record SetLimit(String cgroup, long limit) implements HandlerAction {
    @Override
    public boolean writesLimit() {
      return true;
    }

    @Override
    public String toString() {
      return "set-limit " + cgroup + " " + Size.format(limit);
    }
  }

  /** SIGKILLs a task (the agent, not the kernel, is then its killer). */
  record Kill(String task) implements HandlerAction {
    @Override
    public String toString() {
      return "kill " + task;
    }
  }

  /** Moves a task's process into another cgroup (v1: charges stay unless move_charge_at_immigrate). */
  record Move(String task, String cgroup) implements HandlerAction {
    @Override
    public String toString() {
      return "move " + task + " " + cgroup;
    }
  }

  /** Writes 0 to v1 {@code memory.oom_control}: the kernel may kill again (wakes the waiters). */
  record EnableOomKiller(String cgroup) implements HandlerAction {
    @Override
    public String toString() {
      return "oom-kill-disable " + cgroup + " 0";
    }
  }
}

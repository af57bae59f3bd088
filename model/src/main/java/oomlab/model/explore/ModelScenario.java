package oomlab.model.explore;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.scenario.Scenario;

/**
 * What the model explores: a scenario reduced to the facts the OOM designs read. Memory is counted
 * in units of the scenario's allocation step ("pages" of the model): limits, targets and the
 * near-tie tolerance of victim selection are all in these units; {@code pagesPerUnit} converts
 * back to 4 KiB pages where the kernel's arithmetic needs them (oom_badness's
 * {@code totalpages / 1000}).
 *
 * <p>Memcgs are listed parents first; index {@code -1} as parent means a child of the run's root,
 * which has no limit. Tasks are listed in the order the kernel would meet them in
 * {@code css_task_iter} (the order they joined their cgroup), which the tie rule of victim
 * selection depends on.
 */
public record ModelScenario(
    String name,
    int cgroupVersion,
    List<Memcg> memcgs,
    List<Task> tasks,
    List<Handler> handlers,
    int nearTie,
    long pagesPerUnit) {

  /** Handlers the model can tell apart: a step names one in 6 bits ({@link Step}). */
  public static final int MAX_HANDLERS = Scenario.MAX_HANDLERS;

  /** Limit of a memcg without one ("max"). */
  public static final int UNLIMITED = 0xFFFF;

  /** How a task's pages are charged; decides user fault vs kernel charge and what exit frees. */
  public enum Mode {
    /** Page faults from user space: {@code in_user_fault}, freed on exit and by the reaper. */
    TOUCH,
    /** {@code MAP_POPULATE}: charged from gup, not a user fault; freed on exit and by the reaper. */
    POPULATE,
    /** {@code mlock}: charged from gup; freed on exit, never by the reaper (VM_LOCKED skipped). */
    MLOCK,
    /** {@code write()} to tmpfs: shmem pages stay charged after the writer dies; not in its RSS. */
    TMPFS;

    public boolean userFault() {
      return this == TOUCH;
    }
  }

  /** A memory cgroup: {@code memory.limit_in_bytes} / {@code memory.max} in units. */
  public record Memcg(String path, int parent, int limit, boolean oomKillDisable, boolean oomGroup) {}

  /**
   * A workload task. {@code startAfter}/{@code startAfterPages}: starts once that task has charged
   * that many units ({@code -1}: at the common start). {@code mmOwner}: the task whose mm this one
   * shares (a CLONE_VM process), {@code -1} for a task with its own mm.
   */
  public record Task(String name, int memcg, int pages, int oomScoreAdj, Mode mode, int startAfter,
      int startAfterPages, int mmOwner) {
    public Task(String name, int memcg, int pages, int oomScoreAdj, Mode mode, int startAfter,
        int startAfterPages) {
      this(name, memcg, pages, oomScoreAdj, mode, startAfter, startAfterPages, -1);
    }
  }

  /** What a userspace handler does once its trigger fired. */
  public enum Action {
    RAISE_LIMIT, KILL, MOVE, OOM_KILL_DISABLE_OFF, SET_LIMIT;

    /** A write of {@code memory.limit_in_bytes} / {@code memory.max}: its result is part of the outcome. */
    public boolean writesLimit() {
      return this == RAISE_LIMIT || this == SET_LIMIT;
    }
  }

  /**
   * A userspace handler. Trigger: an OOM notification of memcg {@code onMemcg}, or (when
   * {@code onMemcg} is -1) task {@code afterTask} having charged {@code afterUnits} units.
   * {@code target}: memcg index (raise-limit, set-limit, oom-kill-disable) or task index (kill,
   * move); {@code value}: new limit in units (raise-limit, set-limit) or destination memcg (move).
   */
  public record Handler(int onMemcg, int afterTask, int afterUnits, Action action, int target, int value) {
    public Handler {
      if ((onMemcg < 0) == (afterTask < 0)) throw new IllegalArgumentException("a handler has exactly one trigger");
    }

    /** The trigger in words, for step descriptions. */
    public String trigger(ModelScenario sc) {
      return onMemcg >= 0 ? "notified of OOM in " + sc.memcgs().get(onMemcg).path()
          : "sees " + sc.tasks().get(afterTask).name() + " charged " + afterUnits + " units";
    }
  }

  public ModelScenario {
    memcgs = List.copyOf(memcgs);
    tasks = List.copyOf(tasks);
    handlers = List.copyOf(handlers);
    if (pagesPerUnit < 1) throw new IllegalArgumentException("pagesPerUnit must be >= 1");
    // The scenario loader refuses more (Scenario.MAX_TASKS, MAX_CGROUPS) before anything runs.
    if (tasks.size() > Scenario.MAX_TASKS) throw new IllegalArgumentException("the model handles at most " + Scenario.MAX_TASKS + " tasks");
    if (handlers.size() > MAX_HANDLERS) throw new IllegalArgumentException("the model handles at most " + MAX_HANDLERS + " handlers");
    if (memcgs.size() > Scenario.MAX_CGROUPS) throw new IllegalArgumentException("the model handles at most " + Scenario.MAX_CGROUPS + " memcgs");
    for (int i = 0; i < memcgs.size(); i++) {
      if (memcgs.get(i).parent() >= i) throw new IllegalArgumentException("memcg parents must come first");
    }
    for (Task t : tasks) {
      if (t.mmOwner() < 0) continue;
      Task o = tasks.get(t.mmOwner());
      // The scenario loader refuses the splits the model does not follow (see TaskSection).
      if (o.mmOwner() >= 0 || o.memcg() != t.memcg() || o.oomScoreAdj() != t.oomScoreAdj()) {
        throw new IllegalArgumentException(t.name() + " shares the mm of " + o.name()
            + ": an mm owner, in the same memcg, with the same oom_score_adj");
      }
    }
  }

  /** The task whose mm task t uses: its {@code mmOwner}, or t itself. */
  public int mmOf(int t) {
    int o = tasks.get(t).mmOwner();
    return o < 0 ? t : o;
  }

  /** Whether memcg {@code a} is {@code b} or below it ({@code mem_cgroup_is_descendant(a, b)}). */
  public boolean isDescendant(int a, int b) {
    for (int m = a; m >= 0; m = memcgs.get(m).parent()) {
      if (m == b) return true;
    }
    return false;
  }

  /** Whether the two subtrees overlap: one memcg is the other's ancestor or the same. */
  public boolean overlap(int a, int b) {
    return isDescendant(a, b) || isDescendant(b, a);
  }

  public int taskIndex(String task) {
    for (int i = 0; i < tasks.size(); i++) if (tasks.get(i).name().equals(task)) return i;
    return -1;
  }

  public int memcgIndex(String path) {
    for (int i = 0; i < memcgs.size(); i++) if (memcgs.get(i).path().equals(path)) return i;
    return -1;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Fluent construction, for tests and for the translation from {@code Scenario}. */
  public static final class Builder {
    private final String name;
    private int version = 1;
    private int nearTie = 0;
    private long pagesPerUnit = 1;
    private final List<Memcg> memcgs = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final List<Handler> handlers = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder cgroupVersion(int v) {
      this.version = v;
      return this;
    }

    public Builder nearTie(int units) {
      this.nearTie = units;
      return this;
    }

    public Builder pagesPerUnit(long pages) {
      this.pagesPerUnit = pages;
      return this;
    }

    /** Adds a memcg; its parent is the longest listed prefix of its path. */
    public Builder memcg(String path, int limit) {
      return memcg(path, limit, false, false);
    }

    public Builder memcg(String path, int limit, boolean oomKillDisable, boolean oomGroup) {
      int parent = -1;
      int slash = path.lastIndexOf('/');
      if (slash > 0) {
        String p = path.substring(0, slash);
        for (int i = 0; i < memcgs.size(); i++) if (memcgs.get(i).path().equals(p)) parent = i;
        if (parent < 0) throw new IllegalArgumentException("parent of " + path + " not listed before it");
      }
      memcgs.add(new Memcg(path, parent, limit, oomKillDisable, oomGroup));
      return this;
    }

    public Builder task(String name, String memcg, int pages, int adj) {
      return task(name, memcg, pages, adj, Mode.TOUCH, null, 0);
    }

    public Builder task(String name, String memcg, int pages, int adj, Mode mode, String startAfter,
        int startAfterPages) {
      int m = index(memcg);
      int after = -1;
      if (startAfter != null) {
        for (int i = 0; i < tasks.size(); i++) if (tasks.get(i).name().equals(startAfter)) after = i;
        if (after < 0) throw new IllegalArgumentException("unknown task " + startAfter);
      }
      tasks.add(new Task(name, m, pages, adj, mode, after, startAfterPages));
      return this;
    }

    /** Makes {@code task} share the mm of {@code owner}; both already added. */
    public Builder shareMm(String task, String owner) {
      int t = -1;
      int o = -1;
      for (int i = 0; i < tasks.size(); i++) {
        if (tasks.get(i).name().equals(task)) t = i;
        if (tasks.get(i).name().equals(owner)) o = i;
      }
      if (t < 0 || o < 0) throw new IllegalArgumentException("unknown task " + (t < 0 ? task : owner));
      Task k = tasks.get(t);
      tasks.set(t, new Task(k.name(), k.memcg(), k.pages(), k.oomScoreAdj(), k.mode(), k.startAfter(),
          k.startAfterPages(), o));
      return this;
    }

    public Builder handler(String onMemcg, Action action, String target, int value) {
      handlers.add(new Handler(index(onMemcg), -1, 0, action, target(action, target), value));
      return this;
    }

    /** A handler that acts once {@code task} has charged {@code units} units (no OOM needed). */
    public Builder handlerAfter(String task, int units, Action action, String target, int value) {
      int after = taskIndex(task);
      handlers.add(new Handler(-1, after, units, action, target(action, target), value));
      return this;
    }

    private int taskIndex(String task) {
      for (int i = 0; i < tasks.size(); i++) if (tasks.get(i).name().equals(task)) return i;
      throw new IllegalArgumentException("unknown task " + task);
    }

    private int target(Action action, String target) {
      return action == Action.KILL || action == Action.MOVE ? taskIndex(target) : index(target);
    }

    private int index(String path) {
      for (int i = 0; i < memcgs.size(); i++) if (memcgs.get(i).path().equals(path)) return i;
      throw new IllegalArgumentException("unknown memcg " + path);
    }

    public ModelScenario build() {
      return new ModelScenario(name, version, memcgs, tasks, handlers, nearTie, pagesPerUnit);
    }
  }
}

package oomlab.model.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * Symmetry reduction over interchangeable tasks, in the style of SPIN's and TLC's symmetry sets:
 * the explorer stores one state per orbit, the one whose task slots are sorted within each class
 * of interchangeable tasks ({@link #canonicalize}). Which tasks are interchangeable, and why the
 * reduction keeps every invariant and the outcome set, is in docs/model.md ("Symmetry").
 *
 * <p>Tasks t and u are interchangeable when the scenario and the model's transition relation
 * cannot tell them apart: same memcg, size, mode, oom_score_adj and start condition; neither
 * shares an mm; no start condition and no handler (trigger, kill or move target) names either;
 * neither is in or below a cgroup v2 memory.oom.group memcg (the group walk visits tasks in
 * index order); and the scenario has a near-tie tolerance of at least one unit (with none, the
 * era's tie rule picks the first or last evaluated of equal points, which is an order).
 * State slots that hold a task (design globals and memcg slots declared as task ids, stored as
 * task + 1, 0 for none, above {@code tasks} for a non-task such as the v2 limit writer) are
 * renamed with the tasks.
 */
public final class Symmetry {
  private static final Symmetry NONE = new Symmetry(null, new int[0][], new int[0]);

  private final Layout layout;
  private final int[][] classes;
  /** Absolute slot indices that hold a task id + 1. */
  private final int[] refSlots;

  private Symmetry(Layout layout, int[][] classes, int[] refSlots) {
    this.layout = layout;
    this.classes = classes;
    this.refSlots = refSlots;
  }

  /** No reduction: every task is its own class. */
  public static Symmetry none() {
    return NONE;
  }

  /**
   * The classes of interchangeable tasks of {@code sc} (see the class comment).
   * {@code taskIdGlobals}: design global slots holding task + 1; {@code taskIdMemcgSlots}: design
   * memcg slots holding task + 1.
   */
  public static Symmetry of(ModelScenario sc, Layout layout, int[] taskIdGlobals, int[] taskIdMemcgSlots) {
    if (sc.nearTie() < 1) return NONE;
    int n = sc.tasks().size();
    boolean[] named = new boolean[n];
    for (var t : sc.tasks()) {
      if (t.startAfter() >= 0) named[t.startAfter()] = true;
      if (t.mmOwner() >= 0) named[t.mmOwner()] = true;
    }
    for (int t = 0; t < n; t++) if (sc.tasks().get(t).mmOwner() >= 0) named[t] = true;
    for (var h : sc.handlers()) {
      if (h.afterTask() >= 0) named[h.afterTask()] = true;
      if (h.action() == ModelScenario.Action.KILL || h.action() == ModelScenario.Action.MOVE) named[h.target()] = true;
    }
    for (int t = 0; t < n; t++) if (inOomGroup(sc, sc.tasks().get(t).memcg())) named[t] = true;
    List<int[]> out = new ArrayList<>();
    boolean[] placed = new boolean[n];
    for (int t = 0; t < n; t++) {
      if (named[t] || placed[t]) continue;
      List<Integer> c = new ArrayList<>();
      c.add(t);
      for (int u = t + 1; u < n; u++) {
        if (!named[u] && !placed[u] && alike(sc.tasks().get(t), sc.tasks().get(u))) {
          c.add(u);
          placed[u] = true;
        }
      }
      if (c.size() > 1) out.add(c.stream().mapToInt(Integer::intValue).toArray());
    }
    if (out.isEmpty()) return NONE;
    int[] refs = new int[taskIdGlobals.length + taskIdMemcgSlots.length * layout.memcgs];
    int k = 0;
    for (int g : taskIdGlobals) refs[k++] = Layout.G_COMMON + g;
    for (int m = 0; m < layout.memcgs; m++) {
      for (int s : taskIdMemcgSlots) refs[k++] = layout.memcgBase + m * layout.memcgStride + Layout.M_COMMON + s;
    }
    if (refs.length > 64) return NONE; // the reference signature of a task is one long
    return new Symmetry(layout, out.toArray(new int[0][]), refs);
  }

  private static boolean alike(ModelScenario.Task a, ModelScenario.Task b) {
    return a.memcg() == b.memcg() && a.pages() == b.pages() && a.oomScoreAdj() == b.oomScoreAdj()
        && a.mode() == b.mode() && a.startAfter() == b.startAfter() && a.startAfterPages() == b.startAfterPages()
        && a.mmOwner() < 0 && b.mmOwner() < 0;
  }

  /** Whether memcg m is, or is below, a memory.oom.group memcg on cgroup v2. */
  private static boolean inOomGroup(ModelScenario sc, int m) {
    if (sc.cgroupVersion() != 2) return false;
    for (int c = m; c >= 0; c = sc.memcgs().get(c).parent()) if (sc.memcgs().get(c).oomGroup()) return true;
    return false;
  }

  /** Whether no two tasks are interchangeable (the reduction does nothing). */
  public boolean trivial() {
    return classes.length == 0;
  }

  /** The classes of interchangeable tasks (task indices, ascending; only classes of two or more). */
  public int[][] classes() {
    int[][] c = new int[classes.length][];
    for (int i = 0; i < c.length; i++) c[i] = classes[i].clone();
    return c;
  }

  /** The classes by task name, for messages. */
  public List<List<String>> classNames(ModelScenario sc) {
    List<List<String>> out = new ArrayList<>();
    for (int[] c : classes) {
      List<String> l = new ArrayList<>();
      for (int t : c) l.add(sc.tasks().get(t).name());
      out.add(l);
    }
    return out;
  }

  /** The identity frame of {@code tasks} tasks. */
  public static int[] identity(int tasks) {
    int[] p = new int[tasks];
    for (int i = 0; i < tasks; i++) p[i] = i;
    return p;
  }

  /**
   * Turns {@code s} into the representative of its orbit: within each class, task slot blocks
   * sorted by their values, then by which task-id slots name the task; task ids renamed.
   * {@code src} (length tasks) receives, for each task index j of the result, the index in the
   * state before of the task now at j. Returns false (and src the identity) when s already was
   * the representative.
   */
  public boolean canonicalize(State s, int[] src, Scratch scratch) {
    int tasks = src.length;
    for (int i = 0; i < tasks; i++) src[i] = i;
    if (classes.length == 0) return false;
    int[] v = s.v;
    int base = layout.taskBase;
    int stride = layout.taskStride;
    long[] refMask = scratch.refMask;
    boolean anyRef = false;
    for (int q = 0; q < refSlots.length; q++) {
      int x = v[refSlots[q]];
      if (x >= 1 && x <= tasks) {
        if (!anyRef) java.util.Arrays.fill(refMask, 0L);
        anyRef = true;
        refMask[x - 1] |= 1L << q;
      }
    }
    if (!anyRef) java.util.Arrays.fill(refMask, 0L);
    boolean moved = false;
    int[] order = scratch.order;
    for (int[] c : classes) {
      int k = c.length;
      for (int i = 0; i < k; i++) order[i] = c[i];
      // Insertion sort: classes are small, and successors are mostly sorted already.
      for (int i = 1; i < k; i++) {
        int x = order[i];
        int j = i - 1;
        while (j >= 0 && compare(v, base + order[j] * stride, base + x * stride, stride, refMask[order[j]], refMask[x]) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      for (int i = 0; i < k; i++) {
        if (order[i] != c[i]) {
          moved = true;
          src[c[i]] = order[i];
        }
      }
    }
    if (!moved) return false;
    int[] tmp = scratch.blocks;
    System.arraycopy(v, base, tmp, 0, tasks * stride);
    for (int j = 0; j < tasks; j++) {
      if (src[j] != j) System.arraycopy(tmp, src[j] * stride, v, base + j * stride, stride);
    }
    if (anyRef) {
      int[] dst = scratch.dst;
      for (int j = 0; j < tasks; j++) dst[src[j]] = j;
      for (int r : refSlots) {
        int x = v[r];
        if (x >= 1 && x <= tasks) v[r] = dst[x - 1] + 1;
      }
    }
    return true;
  }

  private static int compare(int[] v, int a, int b, int len, long ma, long mb) {
    for (int i = 0; i < len; i++) {
      int d = Integer.compare(v[a + i], v[b + i]);
      if (d != 0) return d;
    }
    return Long.compare(ma, mb);
  }

  /** Per-thread work arrays of {@link #canonicalize}. */
  public static final class Scratch {
    final long[] refMask;
    final int[] order;
    final int[] blocks;
    final int[] dst;

    public Scratch(Layout layout) {
      refMask = new long[layout.tasks];
      order = new int[layout.tasks];
      blocks = new int[Math.max(1, layout.tasks * layout.taskStride)];
      dst = new int[layout.tasks];
    }
  }
}

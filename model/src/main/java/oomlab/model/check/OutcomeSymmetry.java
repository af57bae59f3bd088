package oomlab.model.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import oomlab.model.explore.ModelScenario;
import oomlab.model.outcome.Outcome;

/**
 * Outcomes under the explorer's symmetry: an outcome of the model stands for every renaming of
 * its tasks within each class of interchangeable tasks. Frames are task index permutations
 * ({@code p[i]}: the index task i becomes). Only the task fields name tasks (killed, killOrder,
 * survived, blocked, enomem); memcg fields and limit writes are the same in every renaming.
 */
final class OutcomeSymmetry {
  private static final int NOT_KILLED = Integer.MAX_VALUE;

  private final ModelScenario sc;
  private final int[][] classes;

  OutcomeSymmetry(ModelScenario sc, int[][] classes) {
    this.sc = sc;
    this.classes = classes;
  }

  boolean trivial() {
    return classes.length == 0;
  }

  /** The outcome with task i renamed to task p[i]. */
  ModelOutcome rename(ModelOutcome o, int[] p) {
    if (trivial()) return o;
    return new ModelOutcome(sorted(map(o.killed(), p)), map(o.killOrder(), p), sorted(map(o.survived(), p)),
        sorted(map(o.blocked(), p)), sorted(map(o.enomem(), p)), o.notified(), o.events(), o.overcharged(),
        o.underOomPossible(), o.underOomAtEnd(), o.handlers());
  }

  /**
   * The renaming that takes o to the representative of its orbit: within each class, the killed
   * tasks first in kill order, then the others by what became of them (blocked, survived,
   * ENOMEM), given the class's names in ascending order.
   */
  int[] canonicalFrame(ModelOutcome o) {
    int n = sc.tasks().size();
    int[] p = identity(n);
    if (trivial()) return p;
    long[] key = keys(o.killOrder(), o.blocked(), o.survived(), o.enomem(), true);
    for (int[] c : classes) {
      Integer[] byKey = new Integer[c.length];
      for (int i = 0; i < c.length; i++) byKey[i] = c[i];
      Arrays.sort(byKey, (a, b) -> Long.compare(key[a], key[b]));
      for (int i = 0; i < c.length; i++) p[byKey[i]] = c[i];
    }
    return p;
  }

  /**
   * The renaming of o nearest to {@code real}: a killed task takes the name the real kill order
   * has at its position when that name is of its class, the others a name of their class whose
   * real fate (blocked, survived, ENOMEM) is the same as theirs, the rest what is left. When some
   * renaming of o equals real's task fields, this one does: the kill order forces the killed
   * tasks' names and the others are matched by fate, class by class.
   */
  int[] align(ModelOutcome o, Outcome real) {
    int n = sc.tasks().size();
    int[] p = identity(n);
    if (trivial()) return p;
    long[] mine = keys(o.killOrder(), o.blocked(), o.survived(), o.enomem(), false);
    long[] theirs = keys(real.killOrder(), real.blocked(), real.survived(), real.enomem(), false);
    int[] cls = new int[n];
    Arrays.fill(cls, -1);
    for (int k = 0; k < classes.length; k++) for (int t : classes[k]) cls[t] = k;
    boolean[] mapped = new boolean[n];
    boolean[] used = new boolean[n];
    for (int i = 0; i < o.killOrder().size() && i < real.killOrder().size(); i++) {
      int x = sc.taskIndex(o.killOrder().get(i));
      int y = sc.taskIndex(real.killOrder().get(i));
      if (x < 0 || y < 0 || cls[x] < 0 || cls[x] != cls[y] || mapped[x] || used[y]) continue;
      p[x] = y;
      mapped[x] = true;
      used[y] = true;
    }
    for (int[] c : classes) {
      for (int x : c) {
        if (mapped[x]) continue;
        for (int y : c) {
          if (!used[y] && theirs[y] == mine[x]) {
            p[x] = y;
            mapped[x] = true;
            used[y] = true;
            break;
          }
        }
      }
      for (int x : c) {
        if (mapped[x]) continue;
        for (int y : c) {
          if (!used[y]) {
            p[x] = y;
            mapped[x] = true;
            used[y] = true;
            break;
          }
        }
      }
    }
    return p;
  }

  /** Per task: kill position (or, without {@code withPosition}, only whether killed), then its fate bits. */
  private long[] keys(List<String> killOrder, List<String> blocked, List<String> survived, List<String> enomem,
      boolean withPosition) {
    int n = sc.tasks().size();
    long[] key = new long[n];
    for (int t = 0; t < n; t++) key[t] = (long) NOT_KILLED << 8;
    for (int i = 0; i < killOrder.size(); i++) {
      int t = sc.taskIndex(killOrder.get(i));
      if (t >= 0) key[t] = (long) (withPosition ? i : 0) << 8;
    }
    bits(key, blocked, 4);
    bits(key, survived, 2);
    bits(key, enomem, 1);
    return key;
  }

  private void bits(long[] key, List<String> names, int bit) {
    for (String s : names) {
      int t = sc.taskIndex(s);
      if (t >= 0) key[t] |= bit;
    }
  }

  private List<String> map(List<String> names, int[] p) {
    List<String> out = new ArrayList<>(names.size());
    for (String s : names) {
      int t = sc.taskIndex(s);
      out.add(t < 0 ? s : sc.tasks().get(p[t]).name());
    }
    return out;
  }

  private static List<String> sorted(List<String> l) {
    return List.copyOf(new TreeSet<>(l));
  }

  static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    return p;
  }
}

package oomlab.model.explore;

/**
 * A transition label packed in an int: op (8 bits), acting task (6 bits, 63 = none), a memcg
 * argument a (6 bits), a memcg or task argument b (6 bits), and flags.
 */
public final class Step {
  /** The transition is an OOM kill while an earlier victim in the same domain still holds memory. */
  public static final int OVERKILL = 1 << 26;
  /** The transition is an OOM kill. */
  public static final int KILLS = 1 << 27;
  public static final int NONE = 63;

  private Step() {}

  public static int of(Op op, int task, int a, int b) {
    return op.ordinal() | (task & 63) << 8 | (a & 63) << 14 | (b & 63) << 20;
  }

  public static Op op(int step) {
    return Op.values()[step & 0xFF];
  }

  public static int task(int step) {
    return (step >>> 8) & 63;
  }

  public static int a(int step) {
    return (step >>> 14) & 63;
  }

  public static int b(int step) {
    return (step >>> 20) & 63;
  }

  /** The step as a line of a race description, names taken from the scenario. */
  public static String format(ModelScenario sc, int step) {
    String s = op(step).template();
    int t = task(step);
    int a = a(step);
    int b = b(step);
    // A step without an acting task that names one is the v2 limit writer's (memory_max_write).
    s = s.replace("{t}", t < sc.tasks().size() ? sc.tasks().get(t).name() : t == NONE ? "handler" : "?");
    s = s.replace("{m}", a < sc.memcgs().size() ? sc.memcgs().get(a).path() : "?");
    s = s.replace("{v}", b < sc.tasks().size() ? sc.tasks().get(b).name() : "?");
    s = s.replace("{n}", b < sc.memcgs().size() ? sc.memcgs().get(b).path() : "?");
    s = s.replace("{h}", b < sc.handlers().size() ? sc.handlers().get(b).trigger(sc) : "?");
    if ((step & OVERKILL) != 0) s += " [an earlier victim still holds memory]";
    return s;
  }
}

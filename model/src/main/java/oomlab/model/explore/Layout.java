package oomlab.model.explore;

/**
 * Where each field lives in a state's slot array. Every slot holds a value in 0..65535 (16 bits
 * when packed). Common fields first; each design adds its own per-memcg, per-task and global slots.
 */
public final class Layout {
  // Global slots.
  static final int G_KILL_SEQ = 0;
  static final int G_COMMON = 1;

  // Per-memcg slots.
  static final int M_USAGE = 0;
  static final int M_LIMIT = 1;
  static final int M_FLAGS = 2;
  static final int M_EV_OOM = 3;
  static final int M_EV_OOM_KILL = 4;
  static final int M_EV_GROUP_KILL = 5;
  static final int M_EVENTFD = 6;
  static final int M_COMMON = 7;

  // Per-task slots.
  static final int T_PC = 0;
  static final int T_MEMCG = 1;
  static final int T_CHARGED = 2;
  static final int T_RSS = 3;
  static final int T_FLAGS = 4;
  static final int T_OVER = 5;
  static final int T_KILL_SEQ = 6;
  static final int T_OLD_MEMCG = 7;
  static final int T_OLD_RSS = 8;
  static final int T_WAIT = 9;
  static final int T_COMMON = 10;

  final int memcgs;
  final int tasks;
  final int handlers;
  final int designGlobals;
  final int designMemcgSlots;
  final int designTaskSlots;
  final int memcgBase;
  final int memcgStride;
  final int taskBase;
  final int taskStride;
  final int handlerBase;
  final int slots;
  final int words;

  public Layout(int memcgs, int tasks, int handlers, int designGlobals, int designMemcgSlots,
      int designTaskSlots) {
    this.memcgs = memcgs;
    this.tasks = tasks;
    this.handlers = handlers;
    this.designGlobals = designGlobals;
    this.designMemcgSlots = designMemcgSlots;
    this.designTaskSlots = designTaskSlots;
    this.handlerBase = G_COMMON + designGlobals;
    this.memcgBase = handlerBase + handlers;
    this.memcgStride = M_COMMON + designMemcgSlots;
    this.taskBase = memcgBase + memcgs * memcgStride;
    this.taskStride = T_COMMON + designTaskSlots;
    this.slots = taskBase + tasks * taskStride;
    this.words = (slots + 3) / 4;
  }

  public int slots() {
    return slots;
  }

  /** Longs per packed state. */
  public int words() {
    return words;
  }
}

package oomlab.model.explore;

/**
 * Where each field lives in a state's slot array, and how many bits it takes when packed: each
 * slot gets the width its largest possible value needs (a program counter 5 bits, a flag word 11,
 * a usage 16), slots are laid into 64-bit words without straddling. Common fields first; each
 * design adds its own per-memcg, per-task and global slots (6 bits each: task ids and counts).
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
  final int[] word;
  final int[] shift;
  final long[] mask;

  public Layout(int memcgs, int tasks, int handlers, int designGlobals, int designMemcgSlots,
      int designTaskSlots) {
    this(memcgs, tasks, handlers, designGlobals, designMemcgSlots, designTaskSlots, 16);
  }

  /** {@code pageBits}: bits for a task's charged pages and RSS. */
  public Layout(int memcgs, int tasks, int handlers, int designGlobals, int designMemcgSlots,
      int designTaskSlots, int pageBits) {
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
    int[] width = new int[slots];
    int idBits = bits(Math.max(memcgs, tasks) + 1);
    width[G_KILL_SEQ] = bits(tasks);
    // Design globals hold a task + 1, a handler's writer (tasks + h + 1), a walk position (up to 2 tasks), or counts.
    int globalBits = Math.max(6, bits(2 * tasks + handlers + 1));
    for (int i = 0; i < designGlobals; i++) width[G_COMMON + i] = globalBits;
    for (int h = 0; h < handlers; h++) width[handlerBase + h] = 3;
    int[] mw = new int[memcgStride];
    mw[M_USAGE] = 16;
    mw[M_LIMIT] = 16;
    mw[M_FLAGS] = 5;
    mw[M_EV_OOM] = 1;
    // A v2 oom.group kill counts the victim and then every member again (tasks + 1), and a later
    // group kill counts the members that still hold an mm once more: no tight bound by tasks.
    mw[M_EV_OOM_KILL] = 8;
    mw[M_EV_GROUP_KILL] = bits(tasks);
    mw[M_EVENTFD] = 1;
    for (int i = M_COMMON; i < memcgStride; i++) mw[i] = 6;
    for (int m = 0; m < memcgs; m++) {
      for (int f = 0; f < memcgStride; f++) width[memcgBase + m * memcgStride + f] = mw[f];
    }
    int[] tw = new int[taskStride];
    tw[T_PC] = 5;
    tw[T_MEMCG] = idBits;
    tw[T_CHARGED] = pageBits;
    tw[T_RSS] = pageBits;
    tw[T_FLAGS] = 11;
    tw[T_OVER] = idBits;
    tw[T_KILL_SEQ] = bits(tasks);
    tw[T_OLD_MEMCG] = idBits;
    tw[T_OLD_RSS] = pageBits;
    tw[T_WAIT] = idBits;
    for (int i = T_COMMON; i < taskStride; i++) tw[i] = 6;
    for (int t = 0; t < tasks; t++) {
      for (int f = 0; f < taskStride; f++) width[taskBase + t * taskStride + f] = tw[f];
    }
    this.word = new int[slots];
    this.shift = new int[slots];
    this.mask = new long[slots];
    int w = 0;
    int used = 0;
    for (int i = 0; i < slots; i++) {
      int b = Math.max(1, width[i]);
      if (used + b > 64) {
        w++;
        used = 0;
      }
      word[i] = w;
      shift[i] = used;
      mask[i] = (1L << b) - 1;
      used += b;
    }
    this.words = w + 1;
  }

  /** Bits needed for values 0..max. */
  static int bits(int max) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
  }

  public int slots() {
    return slots;
  }

  /** Longs per packed state. */
  public int words() {
    return words;
  }
}

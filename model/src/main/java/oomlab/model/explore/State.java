package oomlab.model.explore;

import java.util.Arrays;

/**
 * One state of the model, unpacked into an int array for reading and changing. Designs read and
 * write it through the named accessors; the explorer packs it into 16-bit slots for storage.
 */
public final class State {
  // Task flags.
  /** A fatal signal (SIGKILL) is pending: {@code fatal_signal_pending()}. */
  public static final int SIGKILL = 1;
  /** {@code tsk_is_oom_victim()} / TIF_MEMDIE: marked by {@code mark_oom_victim}. */
  public static final int OOM_VICTIM = 1 << 1;
  /** {@code MMF_OOM_SKIP}: reaped or exited, invisible to victim selection. */
  public static final int MMF_OOM_SKIP = 1 << 2;
  /** Queued for the oom_reaper ({@code MMF_OOM_REAP_QUEUED}). */
  public static final int REAP_QUEUED = 1 << 3;
  /** Killed by the userspace handler (SIGKILL from the agent), not by the kernel. */
  public static final int AGENT_KILL = 1 << 4;
  /** {@code passed_oom} of try_charge_memcg. */
  public static final int PASSED_OOM = 1 << 5;
  /** Holds the memcg OOM trylock / oom_context of {@link #over(int)}'s subtree. */
  public static final int OOM_LOCKED = 1 << 6;
  /** Between choosing to kill and finishing out_of_memory: the section oom-exclusion is about. */
  public static final int IN_OOM_KILL = 1 << 7;
  /** Got ENOMEM from a charge at least once. */
  public static final int GOT_ENOMEM = 1 << 8;
  /** Started (its start condition was met). */
  public static final int STARTED = 1 << 9;
  /** {@code current->memcg_in_oom} is set: the OOM is handled at the end of the fault. */
  public static final int MEMCG_IN_OOM = 1 << 10;

  // Memcg flags.
  public static final int M_OOM_KILL_DISABLE = 1;
  public static final int M_NOTIFIED = 1 << 1;
  public static final int M_UNDER_OOM_SEEN = 1 << 2;
  public static final int M_OVERCHARGED = 1 << 3;
  /**
   * A handler's set-limit was accepted: usage may sit above the new limit by design (v2 while the
   * writer kills, or with no victim left), so neither limit-respected nor overcharged reads it.
   */
  public static final int M_LIMIT_SET = 1 << 4;

  final Layout layout;
  final int[] v;

  State(Layout layout) {
    this.layout = layout;
    this.v = new int[layout.slots];
  }

  State(State other) {
    this.layout = other.layout;
    this.v = other.v.clone();
  }

  void copyFrom(State other) {
    System.arraycopy(other.v, 0, v, 0, v.length);
  }

  public int memcgs() {
    return layout.memcgs;
  }

  public int tasks() {
    return layout.tasks;
  }

  // ---- globals
  public int global(int i) {
    return v[Layout.G_COMMON + i];
  }

  public void setGlobal(int i, int value) {
    set(Layout.G_COMMON + i, value);
  }

  public int nextKillSeq() {
    int s = v[Layout.G_KILL_SEQ] + 1;
    v[Layout.G_KILL_SEQ] = s;
    return s;
  }

  /** Where handler h stands (the design's {@code H_*} constants: idle, armed, writing, done, EBUSY). */
  public int handlerDone(int h) {
    return v[layout.handlerBase + h];
  }

  public void setHandlerDone(int h, int value) {
    v[layout.handlerBase + h] = value;
  }

  // ---- memcgs
  private int m(int memcg, int field) {
    return layout.memcgBase + memcg * layout.memcgStride + field;
  }

  public int usage(int memcg) {
    return v[m(memcg, Layout.M_USAGE)];
  }

  public void setUsage(int memcg, int value) {
    set(m(memcg, Layout.M_USAGE), value);
  }

  public int limit(int memcg) {
    return v[m(memcg, Layout.M_LIMIT)];
  }

  public void setLimit(int memcg, int value) {
    set(m(memcg, Layout.M_LIMIT), value);
  }

  public boolean memcgFlag(int memcg, int flag) {
    return (v[m(memcg, Layout.M_FLAGS)] & flag) != 0;
  }

  public void setMemcgFlag(int memcg, int flag, boolean on) {
    int i = m(memcg, Layout.M_FLAGS);
    v[i] = on ? v[i] | flag : v[i] & ~flag;
  }

  public boolean oomKillDisable(int memcg) {
    return memcgFlag(memcg, M_OOM_KILL_DISABLE);
  }

  public int eventsOom(int memcg) {
    return v[m(memcg, Layout.M_EV_OOM)];
  }

  /** memory.events oom: saturates at 1 ("at least one"), the count is not predicted exactly. */
  public void countOom(int memcg) {
    v[m(memcg, Layout.M_EV_OOM)] = 1;
  }

  public int eventsOomKill(int memcg) {
    return v[m(memcg, Layout.M_EV_OOM_KILL)];
  }

  public void countOomKill(int memcg) {
    v[m(memcg, Layout.M_EV_OOM_KILL)]++;
  }

  public int eventsOomGroupKill(int memcg) {
    return v[m(memcg, Layout.M_EV_GROUP_KILL)];
  }

  public void countOomGroupKill(int memcg) {
    v[m(memcg, Layout.M_EV_GROUP_KILL)]++;
  }

  public int eventfd(int memcg) {
    return v[m(memcg, Layout.M_EVENTFD)];
  }

  /** {@code eventfd_signal(.., 1)} on the memcg's OOM eventfd: saturates at 1 ("at least one"). */
  public void signalEventfd(int memcg) {
    v[m(memcg, Layout.M_EVENTFD)] = 1;
    setMemcgFlag(memcg, M_NOTIFIED, true);
  }

  public int memcgSlot(int memcg, int i) {
    return v[m(memcg, Layout.M_COMMON + i)];
  }

  public void setMemcgSlot(int memcg, int i, int value) {
    set(m(memcg, Layout.M_COMMON + i), value);
  }

  // ---- tasks
  private int t(int task, int field) {
    return layout.taskBase + task * layout.taskStride + field;
  }

  public int pc(int task) {
    return v[t(task, Layout.T_PC)];
  }

  public void setPc(int task, int pc) {
    v[t(task, Layout.T_PC)] = pc;
  }

  public int memcg(int task) {
    return v[t(task, Layout.T_MEMCG)];
  }

  public void setMemcg(int task, int memcg) {
    v[t(task, Layout.T_MEMCG)] = memcg;
  }

  public int charged(int task) {
    return v[t(task, Layout.T_CHARGED)];
  }

  public void setCharged(int task, int value) {
    set(t(task, Layout.T_CHARGED), value);
  }

  public int rss(int task) {
    return v[t(task, Layout.T_RSS)];
  }

  public void setRss(int task, int value) {
    set(t(task, Layout.T_RSS), value);
  }

  public boolean flag(int task, int flag) {
    return (v[t(task, Layout.T_FLAGS)] & flag) != 0;
  }

  public void setFlag(int task, int flag, boolean on) {
    int i = t(task, Layout.T_FLAGS);
    v[i] = on ? v[i] | flag : v[i] & ~flag;
  }

  /** The memcg over its limit in the task's current charge ({@code mem_over_limit}). */
  public int over(int task) {
    return v[t(task, Layout.T_OVER)];
  }

  public void setOver(int task, int memcg) {
    v[t(task, Layout.T_OVER)] = memcg;
  }

  public int killSeq(int task) {
    return v[t(task, Layout.T_KILL_SEQ)];
  }

  public void setKillSeq(int task, int seq) {
    v[t(task, Layout.T_KILL_SEQ)] = seq;
  }

  /** Memcg still holding charges the task made before it was moved, or -1. */
  public int oldMemcg(int task) {
    return v[t(task, Layout.T_OLD_MEMCG)] - 1;
  }

  public void setOldMemcg(int task, int memcg) {
    v[t(task, Layout.T_OLD_MEMCG)] = memcg + 1;
  }

  public int oldRss(int task) {
    return v[t(task, Layout.T_OLD_RSS)];
  }

  public void setOldRss(int task, int value) {
    v[t(task, Layout.T_OLD_RSS)] = value;
  }

  /** What a sleeping task waits on (design-defined: a memcg index, a wait queue id). */
  public int waitOn(int task) {
    return v[t(task, Layout.T_WAIT)];
  }

  public void setWaitOn(int task, int value) {
    v[t(task, Layout.T_WAIT)] = value;
  }

  public int taskSlot(int task, int i) {
    return v[t(task, Layout.T_COMMON + i)];
  }

  public void setTaskSlot(int task, int i, int value) {
    set(t(task, Layout.T_COMMON + i), value);
  }

  private void set(int i, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalStateException("model slot out of range (0..65535): " + value);
    }
    v[i] = value;
  }

  // ---- packing
  void pack(long[] into, int offset) {
    Layout l = layout;
    int[] word = l.word;
    int[] shift = l.shift;
    long[] mask = l.mask;
    java.util.Arrays.fill(into, offset, offset + l.words, 0L);
    int[] a = v;
    for (int i = 0; i < a.length; i++) {
      long x = a[i];
      if (x > mask[i]) throw new IllegalStateException("model slot " + i + " holds " + x + ", wider than its layout");
      into[offset + word[i]] |= x << shift[i];
    }
  }

  void unpack(long[] from, int offset) {
    Layout l = layout;
    int[] word = l.word;
    int[] shift = l.shift;
    long[] mask = l.mask;
    int[] a = v;
    for (int i = 0; i < a.length; i++) a[i] = (int) ((from[offset + word[i]] >>> shift[i]) & mask[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof State s && Arrays.equals(v, s.v);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(v);
  }
}

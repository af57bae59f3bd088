package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import oomlab.agent.proc.ProcFs;

/**
 * Where a task that stopped making progress is, from /proc: each thread's state letter and wchan,
 * and whether the task is dying. The workload's allocating threads are not its main thread (that
 * one waits on stdin), so every thread is read and the most telling one is named: D (e.g.
 * {@code mem_cgroup_oom_synchronize}, the memcg OOM wait of v1 {@code oom_kill_disable}) before R
 * (a fault retried forever) before S.
 *
 * <p>A task with SIGKILL pending or a thread in do_exit ({@code PF_EXITING}) is an OOM victim
 * still freeing its memory (slow on a loaded machine, or with mlocked memory the reaper cannot
 * touch): it is dying, not blocked.
 *
 * @param state   the chosen thread's state letter
 * @param wchan   the kernel function it sleeps in, if any
 * @param dying   SIGKILL pending or PF_EXITING on some thread
 * @param threads every thread as {@code tid:state[:wchan]}
 * @param throttled a thread sleeps in the memory.high penalty (wchan, or its /proc stack where
 *        wchan is empty, as on 5.10): up to 2 s per return to user space, which ends by itself:
 *        slow, not blocked. The function is {@code mem_cgroup_handle_over_high} up to 6.x and
 *        {@code __mem_cgroup_handle_over_high} in 7.2, where an inline wrapper of the old name
 *        only tests {@code memcg_nr_pages_over_high} (include/linux/memcontrol.h): a 7.2 guest's
 *        throttled task read {@code D __mem_cgroup_handle_over_high} and came out blocked
 */
public record BlockedState(char state, Optional<String> wchan, boolean dying, List<String> threads, boolean throttled) {
  /** The memory.high throttle's function per kernel line (mm/memcontrol.c): up to 6.x, and 7.2. */
  static final List<String> OVER_HIGH = List.of("mem_cgroup_handle_over_high", "__mem_cgroup_handle_over_high");
  private static final long PF_EXITING = 0x4;
  private static final long SIGKILL_BIT = 1L << (9 - 1);

  /** {@code D mem_cgroup_oom_synchronize}, or {@code R} */
  public String describe() {
    return state + wchan.map(w -> " " + w).orElse("");
  }

  /** Reads the threads of process {@code pid}; empty if it is gone. */
  public static Optional<BlockedState> read(long pid) {
    List<Thread> threads = new ArrayList<>();
    Path dir = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> tids = Files.list(dir)) {
      for (Path t : tids.toList()) {
        try {
          threads.add(Thread.read(t));
        } catch (IOException | RuntimeException e) {
          // the thread exited between the listing and the read
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    boolean dying = threads.stream().anyMatch(Thread::dying);
    boolean throttled = threads.stream().anyMatch(th -> th.state == 'D' && th.wchan.map(BlockedState::overHighWchan)
        .orElseGet(() -> ProcFs.stack(th.tid).map(BlockedState::overHigh).orElse(false)));
    return threads.stream().min(Comparator.comparingInt(th -> rank(th.state))).map(worst ->
        new BlockedState(worst.state, worst.wchan, dying, threads.stream().map(Thread::describe).toList(), throttled));
  }

  private static int rank(char state) {
    return switch (state) {
      case 'D' -> 0;
      case 'R' -> 1;
      default -> 2;
    };
  }

  /** Whether a /proc/PID/wchan names the memory.high throttle. */
  static boolean overHighWchan(String wchan) {
    return OVER_HIGH.contains(wchan);
  }

  /** Whether a /proc/PID/stack text sleeps in the memory.high throttle. */
  static boolean overHigh(String stack) {
    return stack.lines().anyMatch(l -> OVER_HIGH.stream().anyMatch(f -> l.contains("] " + f + "+")));
  }

  /** Pure parsers of the two /proc files, for tests on real text. */
  static long flagsOfStat(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[6]); // state ppid pgrp session tty_nr tpgid flags
  }

  static boolean sigkillPending(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("SigPnd:") || line.startsWith("ShdPnd:")) {
        if ((Long.parseUnsignedLong(line.substring(7).trim(), 16) & SIGKILL_BIT) != 0) return true;
      }
    }
    return false;
  }

  private record Thread(long tid, char state, Optional<String> wchan, boolean dying) {
    static Thread read(Path taskDir) throws IOException {
      long tid = Long.parseLong(taskDir.getFileName().toString());
      String status = Files.readString(taskDir.resolve("status"));
      long flags = flagsOfStat(Files.readString(taskDir.resolve("stat")));
      return new Thread(tid, ProcFs.state(tid), ProcFs.wchan(tid), (flags & PF_EXITING) != 0 || sigkillPending(status));
    }

    String describe() {
      return tid + ":" + state + wchan.map(w -> ":" + w).orElse("") + (dying ? ":dying" : "");
    }
  }
}

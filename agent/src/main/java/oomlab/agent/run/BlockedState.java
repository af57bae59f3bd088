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
 * Where a task that stopped making progress is stuck, from /proc: each thread's state letter and
 * wchan. The workload's allocating threads are not its main thread (that one waits on stdin), so
 * every thread is read and the most telling one is named: D (e.g. {@code mem_cgroup_oom_synchronize},
 * the memcg OOM wait of v1 {@code oom_kill_disable}) before R (a fault retried forever) before S.
 *
 * @param state   the chosen thread's state letter
 * @param wchan   the kernel function it sleeps in, if any
 * @param threads every thread as {@code tid:state[:wchan]}
 */
public record BlockedState(char state, Optional<String> wchan, List<String> threads) {

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
        long tid = Long.parseLong(t.getFileName().toString());
        try {
          threads.add(new Thread(tid, ProcFs.state(tid), ProcFs.wchan(tid)));
        } catch (IOException e) {
          // the thread exited between the listing and the read
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return threads.stream().min(Comparator.comparingInt(th -> rank(th.state))).map(worst ->
        new BlockedState(worst.state, worst.wchan, threads.stream().map(Thread::describe).toList()));
  }

  private static int rank(char state) {
    return switch (state) {
      case 'D' -> 0;
      case 'R' -> 1;
      default -> 2;
    };
  }

  private record Thread(long tid, char state, Optional<String> wchan) {
    String describe() {
      return tid + ":" + state + wchan.map(w -> ":" + w).orElse("");
    }
  }
}

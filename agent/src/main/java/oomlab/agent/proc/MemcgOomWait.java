package oomlab.agent.proc;

import java.io.IOException;
import java.util.Optional;

/**
 * Whether a task sleeps in the memcg OOM wait: on v1 with {@code oom_kill_disable=1} (and while
 * another task of the subtree holds the memcg OOM lock) a task at the limit sleeps killable in
 * {@code mem_cgroup_oom_synchronize}, called from {@code pagefault_out_of_memory} at the end of the
 * page fault (3.12+; before 3.12 {@code mem_cgroup_handle_oom} in the charge path). Measured on
 * this host's 6.18: state {@code D}, wchan {@code mem_cgroup_oom_synchronize}.
 */
public final class MemcgOomWait {
  private static final String[] WAIT_FUNCTIONS = {"mem_cgroup_oom_synchronize", "mem_cgroup_handle_oom"};

  private MemcgOomWait() {}

  /** Pure: does this wchan or kernel stack text show the memcg OOM wait? */
  public static boolean shows(String wchanOrStack) {
    for (String f : WAIT_FUNCTIONS) {
      if (wchanOrStack.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any thread of process {@code pid} sleeps in the memcg OOM wait now. */
  public static boolean anyThreadWaiting(long pid) throws IOException {
    for (long tid : ProcFs.threads(pid)) {
      if (isWaiting(tid)) {
        return true;
      }
    }
    return false;
  }

  /** Whether task {@code pid} (a thread id works too) sleeps in the memcg OOM wait now (wchan, else the stack). */
  public static boolean isWaiting(long pid) throws IOException {
    char state = ProcFs.state(pid);
    if (state != 'D' && state != 'S') {
      return false;
    }
    Optional<String> where = ProcFs.wchan(pid).or(() -> ProcFs.stack(pid));
    return where.map(MemcgOomWait::shows).orElse(false);
  }
}

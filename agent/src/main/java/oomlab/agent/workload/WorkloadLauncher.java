package oomlab.agent.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Starts workload processes, always from one thread of its own that lives until {@link #close()}:
 * the workload's PR_SET_PDEATHSIG fires when the <em>thread</em> that forked it exits, so a
 * short-lived caller thread would kill its workloads early, and a long-lived one makes them die
 * with the agent (or with this launcher) and never later.
 */
public final class WorkloadLauncher implements AutoCloseable {
  private final Path binary;
  private final Path tmpfsDir;
  private final long agentPid = ProcessHandle.current().pid();
  private final ExecutorService forker =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("oomlab-forker").factory());
  private final List<Workload> launched = new CopyOnWriteArrayList<>();

  /** @param tmpfsDir where {@code tmpfs}-mode tasks write their files (a tmpfs the agent mounted) */
  public WorkloadLauncher(Path binary, Path tmpfsDir) {
    this.binary = binary;
    this.tmpfsDir = tmpfsDir;
  }

  /** Launches one workload process; it joins its cgroup, sets its adj and waits for {@link Workload#start}. */
  public Workload launch(WorkloadSpec spec, WorkloadListener listener) throws IOException {
    try {
      Workload w = forker.submit(() -> {
        ProcessBuilder pb = new ProcessBuilder(spec.command(binary, agentPid, tmpfsDir))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
        return new Workload(spec, pb.start(), listener);
      }).get();
      launched.add(w);
      return w;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new UncheckedIOException(new IOException("launching " + spec.task().name(), e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while launching " + spec.task().name(), e);
    }
  }

  public List<Workload> launched() {
    return List.copyOf(launched);
  }

  /** SIGKILLs every workload still alive, waits for each to be reaped, and ends the forker thread. */
  @Override
  public void close() {
    launched.forEach(Workload::kill);
    for (Workload w : launched) {
      for (String task : w.tasks()) {
        try {
          w.exit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          // A process that does not die from SIGKILL within 5 s is stuck in the kernel; the
          // cgroup teardown reports it as left over.
        }
      }
    }
    forker.shutdown();
  }
}

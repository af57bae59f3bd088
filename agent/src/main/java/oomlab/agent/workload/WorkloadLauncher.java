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
import oomlab.bindings.Spawn;

/**
 * Starts workload processes ({@link Spawn}: posix_spawn, one exec of the workload itself). The
 * workload's PR_SET_PDEATHSIG fires when the <em>thread</em> that spawned it exits, so a workload
 * is only ever spawned by a thread that lives as long as this launcher: the thread that made the
 * launcher (a runner makes, uses and closes it on its own thread) spawns directly, without a
 * hand-off; any other thread hands the spawn to a forker thread of the launcher's own, which
 * lives until {@link #close()}. Either way the workloads die with the agent or with this launcher,
 * never later, and never earlier.
 */
public final class WorkloadLauncher implements AutoCloseable {
  private final Path binary;
  private final Path tmpfsDir;
  private final long agentPid = ProcessHandle.current().pid();
  private final Thread owner = Thread.currentThread();
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
    if (Thread.currentThread() == owner) {
      Workload w = spawn(spec, listener);
      launched.add(w);
      return w;
    }
    try {
      Workload w = forker.submit(() -> spawn(spec, listener)).get();
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

  private Workload spawn(WorkloadSpec spec, WorkloadListener listener) throws IOException {
    return new Workload(spec, Spawn.spawn(spec.command(binary, agentPid, tmpfsDir)), listener);
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

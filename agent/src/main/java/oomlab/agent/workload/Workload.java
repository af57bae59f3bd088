package oomlab.agent.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * One launched workload process and the clones sharing its mm. Its stdout is read by a thread of
 * its own and turned into {@link WorkloadReport}s; its exit, and each clone's, become
 * {@link WorkloadListener#exited} calls. Clones are children of the agent too (CLONE_PARENT), so
 * the agent reaps them with waitpid and knows how they died.
 */
public final class Workload {
  private static final byte START_SELF = 's';
  private static final byte START_FIRST_CLONE = 'a';

  private final WorkloadSpec spec;
  private final Process process;
  private final WorkloadListener listener;
  private final Map<String, Long> pids = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<WorkloadExit>> exits = new ConcurrentHashMap<>();

  Workload(WorkloadSpec spec, Process process, WorkloadListener listener) {
    this.spec = spec;
    this.process = process;
    this.listener = listener;
    for (String task : tasks()) exits.put(task, new CompletableFuture<>());
    pids.put(spec.task().name(), process.pid());
    Thread.ofPlatform().daemon().name("oomlab-workload-" + spec.task().name()).start(this::readReports);
    process.onExit().thenAccept(p -> {
      WorkloadExit exit = WorkloadExit.ofJdkExitValue(p.exitValue());
      listener.exited(System.nanoTime(), spec.task().name(), p.pid(), exit);
      exits.get(spec.task().name()).complete(exit);
    });
  }

  /** The task names this process carries: its own first, then its clones'. */
  public List<String> tasks() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(spec),
        spec.sharingMm().stream()).map(s -> s.task().name()).toList();
  }

  /** The pid of a task, once known (a clone's arrives with its {@code clone} report). */
  public Optional<Long> pid(String task) {
    return Optional.ofNullable(pids.get(task));
  }

  public CompletableFuture<WorkloadExit> exit(String task) {
    return exits.get(task);
  }

  /** Releases a task's start barrier (one byte on the process's stdin). */
  public void start(String task) throws IOException {
    int index = tasks().indexOf(task);
    if (index < 0) throw new IllegalArgumentException("no task " + task + " in this workload");
    OutputStream in = process.getOutputStream();
    in.write(index == 0 ? START_SELF : START_FIRST_CLONE + index - 1);
    in.flush();
  }

  /** SIGKILLs the process and its clones. */
  public void kill() {
    tasks().forEach(this::kill);
  }

  /**
   * SIGKILLs one task (a clone, or the process itself). A task already reaped is left alone: its
   * pid may belong to another process by now.
   */
  public void kill(String task) {
    if (exits.get(task).isDone()) return;
    if (task.equals(spec.task().name())) {
      process.destroyForcibly();
    } else {
      pid(task).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  public boolean exited() {
    return exits.values().stream().allMatch(CompletableFuture::isDone);
  }

  private void readReports() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line; (line = out.readLine()) != null; ) {
        long now = System.nanoTime();
        WorkloadReport report = WorkloadReport.parse(line);
        if (report instanceof WorkloadReport.Cloned c) reapClone(c.sharer(), c.pid());
        listener.reported(now, report);
      }
    } catch (IOException | IllegalArgumentException e) {
      // The process is gone or spoke outside the grammar: its exit still reaches the listener.
    }
    // EOF: every process holding the pipe is gone; a clone that never reported was never made.
    for (WorkloadSpec clone : spec.sharingMm()) {
      if (!pids.containsKey(clone.task().name())) exits.get(clone.task().name()).complete(WorkloadExit.ofCode(WorkloadExit.CLONE));
    }
  }

  private void reapClone(String task, long pid) {
    pids.put(task, pid);
    Thread.ofPlatform().daemon().name("oomlab-reap-" + task).start(() -> {
      int[] status = new int[1];
      int r;
      do {
        r = Posix.INSTANCE.waitpid(pid, status, 0);
      } while (r < 0 && Posix.INSTANCE.errno() == 4 /* EINTR */);
      WorkloadExit exit = r == pid ? WorkloadExit.ofWaitStatus(status[0]) : WorkloadExit.ofSignal(WorkloadExit.SIGKILL);
      listener.exited(System.nanoTime(), task, pid, exit);
      exits.get(task).complete(exit);
    });
  }

  /** jnr-posix, loaded only when a scenario has shareMm tasks. */
  private static final class Posix {
    static final POSIX INSTANCE = POSIXFactory.getNativePOSIX();
  }
}

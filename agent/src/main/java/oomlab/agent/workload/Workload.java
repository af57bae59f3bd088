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
import oomlab.bindings.Fd;
import oomlab.bindings.Pidfd;

/**
 * One launched workload process and the clones sharing its mm. Its stdout is read by a thread of
 * its own and turned into {@link WorkloadReport}s; its exit, and each clone's, become
 * {@link WorkloadListener#exited} calls. Clones are children of the agent too (CLONE_PARENT), so
 * the agent reaps them itself: a pidfd opened when the clone reports, and waitid(P_PIDFD) on a
 * thread of the clone's own, which returns as the clone exits.
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
    if (!spec.sharingMm().isEmpty()) {
      // Link the pidfd/waitid downcalls now, before any clone can exit, not in the clone's reaper.
      try {
        Class.forName(Pidfd.class.getName(), true, Pidfd.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
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
    Fd pidfd;
    try {
      // The clone is this JVM's unreaped child, so its pid is still its own even if it died already.
      pidfd = Pidfd.open((int) pid);
    } catch (IOException e) {
      reaped(task, pid, WorkloadExit.ofSignal(WorkloadExit.SIGKILL));
      return;
    }
    Thread.ofPlatform().daemon().name("oomlab-reap-" + task).start(() -> {
      WorkloadExit exit;
      try (pidfd) {
        Pidfd.ChildExit e = Pidfd.awaitAndReap(pidfd);
        exit = e.bySignal() ? WorkloadExit.ofSignal(e.signal()) : WorkloadExit.ofCode(e.exitCode());
      } catch (IOException e) {
        exit = WorkloadExit.ofSignal(WorkloadExit.SIGKILL); // not our child after all: it is gone, how is unknown
      }
      reaped(task, pid, exit);
    });
  }

  private void reaped(String task, long pid, WorkloadExit exit) {
    listener.exited(System.nanoTime(), task, pid, exit);
    exits.get(task).complete(exit);
  }
}

package oomlab.agent.workload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import oomlab.bindings.Fd;
import oomlab.bindings.FileIo;
import oomlab.bindings.NativeException;
import oomlab.bindings.Pidfd;
import oomlab.bindings.Posix;
import oomlab.bindings.Spawn;

/**
 * One launched workload process and the clones sharing its mm. Its stdout is read by a thread of
 * its own and turned into {@link WorkloadReport}s; its exit, and each clone's, become
 * {@link WorkloadListener#exited} calls. The process and its clones (CLONE_PARENT) are the agent's
 * children, reaped the same way: a pidfd (the process's from {@link Spawn}, a clone's opened when
 * it reports) and waitid(P_PIDFD) on a thread of the task's own, which returns as it exits.
 */
public final class Workload {
  private static final byte START_SELF = 's';
  private static final byte START_FIRST_CLONE = 'a';

  private final WorkloadSpec spec;
  private final Spawn.Child process;
  private final WorkloadListener listener;
  private final Map<String, Long> pids = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<WorkloadExit>> exits = new ConcurrentHashMap<>();

  Workload(WorkloadSpec spec, Spawn.Child process, WorkloadListener listener) {
    this.spec = spec;
    this.process = process;
    this.listener = listener;
    for (String task : tasks()) exits.put(task, new CompletableFuture<>());
    pids.put(spec.task().name(), (long) process.pid());
    Thread.ofPlatform().daemon().name("oomlab-workload-" + spec.task().name()).start(this::readReports);
    reap(spec.task().name(), process.pid(), process.pidfd());
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
    byte[] command = {(byte) (index == 0 ? START_SELF : START_FIRST_CLONE + index - 1)};
    FileIo.write(process.stdin(), command, 0, 1, process.stdin() + " start " + task);
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
      try {
        Pidfd.sendSignal(process.pidfd(), Posix.SIGKILL);
      } catch (IOException e) {
        // exited (ESRCH) or reaped and its pidfd closed: nothing left to kill
      }
    } else {
      pid(task).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  public boolean exited() {
    return exits.values().stream().allMatch(CompletableFuture::isDone);
  }

  private void readReports() {
    try (Fd out = process.stdout()) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      byte[] buf = new byte[4096];
      for (int n; (n = FileIo.read(out, buf, 0, buf.length)) > 0; ) {
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
          if (buf[i] != '\n') {
            line.write(buf[i]);
            continue;
          }
          WorkloadReport report = WorkloadReport.parse(line.toString(StandardCharsets.US_ASCII));
          line.reset();
          if (report instanceof WorkloadReport.Cloned c) reapClone(c.sharer(), c.pid());
          listener.reported(now, report);
        }
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
    reap(task, pid, pidfd);
  }

  /** Waits for a task (the process or a clone) on a thread of its own, reaps it and reports its exit. */
  private void reap(String task, long pid, Fd pidfd) {
    boolean self = task.equals(spec.task().name());
    Thread.ofPlatform().daemon().name("oomlab-reap-" + task).start(() -> {
      WorkloadExit exit;
      try (pidfd) {
        Pidfd.ChildExit e = Pidfd.awaitAndReap(pidfd);
        exit = e.bySignal() ? WorkloadExit.ofSignal(e.signal()) : WorkloadExit.ofCode(e.exitCode());
      } catch (NativeException.NotAChild e) {
        exit = WorkloadExit.ofSignal(WorkloadExit.SIGKILL); // not our child after all: it is gone, how is unknown
      } catch (IOException e) {
        exit = WorkloadExit.ofSignal(WorkloadExit.SIGKILL);
      }
      // Its stdin goes with it: nothing is written to a reaped process's pipe.
      if (self) process.stdin().close();
      reaped(task, pid, exit);
    });
  }

  private void reaped(String task, long pid, WorkloadExit exit) {
    listener.exited(System.nanoTime(), task, pid, exit);
    exits.get(task).complete(exit);
  }
}

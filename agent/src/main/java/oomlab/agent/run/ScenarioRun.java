package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import oomlab.agent.cgroup.AgentRoot;
import oomlab.agent.cgroup.MemoryCgroup;
import oomlab.agent.cgroup.MemoryCgroupV1;
import oomlab.agent.cgroup.MemoryCgroupV2;
import oomlab.agent.cgroup.MemoryEvents;
import oomlab.agent.cgroup.OomControl;
import oomlab.agent.cgroup.RunDir;
import oomlab.agent.listen.OomEvent;
import oomlab.agent.listen.OomListener;
import oomlab.agent.stop.StopRequest;
import oomlab.agent.trace.TraceEvent;
import oomlab.agent.trace.TraceEvent.FinishReason;
import oomlab.agent.trace.TraceEvent.Killer;
import oomlab.agent.workload.Workload;
import oomlab.bindings.Errno;
import oomlab.bindings.NativeException;
import oomlab.agent.workload.WorkloadExit;
import oomlab.agent.workload.WorkloadLauncher;
import oomlab.agent.workload.WorkloadListener;
import oomlab.agent.workload.WorkloadReport;
import oomlab.agent.workload.WorkloadSpec;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.AllocationMode;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Handler;
import oomlab.model.scenario.HandlerAction;
import oomlab.model.scenario.HandlerTrigger;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.Size;
import oomlab.model.scenario.TaskSpec;

/**
 * One run of one validated scenario on the local kernel: creates the cgroups in a fresh run
 * directory, listens (OOM notifications, /dev/kmsg), launches the workloads, releases the start,
 * runs the handlers, records the trace until the run is quiescent or times out, reads the final
 * counters, reports what is blocked, and tears everything down, always. The trace it returns is
 * all {@link OutcomeDeriver} needs.
 *
 * <p>Single-threaded by design: reader and listener threads only put {@link RunEvent}s into a
 * queue; this class's loop is the only one touching the run's state and the trace. A handler's
 * limit write is the one action made on another thread: a v2 {@code memory.max} below usage
 * blocks while the kernel OOM-kills in the writer's context, and the loop must go on recording.
 */
final class ScenarioRun {
  /** How long a task may make no progress before it counts as stuck. */
  private final long settleNanos;
  private final AgentRoot root;
  private final Path workloadBinary;
  private final String target;
  private final PhaseTimer phases;
  private final StopRequest stop;

  private final LinkedBlockingQueue<RunEvent> queue = new LinkedBlockingQueue<>();
  private Scenario scenario;
  private TraceRecorder trace;
  private TaskLedger ledger;
  private StartGate gate;
  private ScenarioCgroups cgroups;
  private final Map<String, Workload> workloads = new LinkedHashMap<>();
  private final Set<String> killedByAgent = new HashSet<>();
  private final Set<Long> killedByKernel = new HashSet<>();
  private final Map<String, Long> notifications = new HashMap<>();
  private final OomEvidence oomEvidence = new OomEvidence();
  /** System.nanoTime of the last memory.oom_control read on a notification, per cgroup. */
  private final Map<String, Long> oomControlSampled = new HashMap<>();
  private final Set<Integer> handlersFired = new HashSet<>();
  /** Limit writes handed to a writer thread whose result has not come back. */
  private int writesInFlight;
  private final List<String> setupErrors = new ArrayList<>();
  private boolean finished;
  private static final long USAGE_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
  private long lastUsageSample;
  /** System.nanoTime of the latest event of the run: stalls are counted from it. */
  private long lastActivity;

  ScenarioRun(AgentRoot root, Path workloadBinary, String target, java.time.Duration settle, PhaseTimer phases) {
    this(root, workloadBinary, target, settle, phases, StopRequest.none());
  }

  /** @param stop a SIGINT or SIGTERM: the run ends at once, through the same teardown as any other end */
  ScenarioRun(AgentRoot root, Path workloadBinary, String target, java.time.Duration settle, PhaseTimer phases, StopRequest stop) {
    this.stop = stop;
    this.root = root;
    this.workloadBinary = workloadBinary;
    this.target = target;
    this.settleNanos = settle.toNanos();
    this.phases = phases;
  }

  /** The finished run: its trace, why it ended, and the setup errors that ended it early. */
  record Result(List<TraceEvent> trace, FinishReason reason, List<String> errors) {}

  Result run(Scenario scenario, String suffix, TraceRecorder trace) throws IOException {
    this.scenario = scenario;
    this.trace = trace;
    this.ledger = new TaskLedger(scenario.tasks().stream().map(TaskSpec::name).toList());
    this.gate = new StartGate(scenario);
    trace.record(t -> new TraceEvent.RunStarted(t, scenario.name(), KernelRelease.current(), root.version(), target));
    phases.start("setup");
    FinishReason reason = FinishReason.ERROR;
    try (RunDir runDir = root.createRun(suffix);
         TmpfsHolder tmpfs = new TmpfsHolder(needsTmpfs() ? Optional.of(TmpfsMount.mount(suffix)) : Optional.empty());
         OomListener listener = OomListener.start(e -> queue.add(new RunEvent.Notified(e.tMonoNs(), e)),
             e -> queue.add(new RunEvent.Failed(System.nanoTime(), "OOM listener", e)));
         KernelOomWatch kmsg = new KernelOomWatch(kernelPath(runDir.path()), queue::add)) {
      boundRun(runDir);
      cgroups = ScenarioCgroups.create(runDir, scenario,
          spec -> trace.record(t -> new TraceEvent.CgroupCreated(t, spec.path(), runDir.path().resolve(spec.path()).toString())));
      for (String path : cgroups.all().keySet()) watch(listener, path);
      try (WorkloadLauncher launcher = new WorkloadLauncher(workloadBinary, tmpfs.dir())) {
        phases.start("launch");
        launch(launcher);
        if (stop.requested()) {
          reason = FinishReason.INTERRUPTED;
        } else if (awaitReady()) {
          phases.start("run");
          reason = loop(listener);
          // Stopped: straight to the teardown; the final counters would describe a cut-off run.
          if (reason != FinishReason.INTERRUPTED) {
            syncListener(listener);
            awaitKernelReports();
            phases.start("counters");
            recordCounters();
            recordBlocked();
          }
        } else if (stop.requested()) {
          reason = FinishReason.INTERRUPTED;
        }
        finished = true;
        // Decided once: a signal during the teardown does not unmake a run that had ended.
        FinishReason finish = reasonOrError(reason);
        reason = finish;
        trace.record(t -> new TraceEvent.RunFinished(t, finish));
        phases.start("teardown");
        launcher.close();
        drainExits();
      } finally {
        // Tasks that ignore SIGKILL while stuck (none should) get their limits lifted, then the
        // run directory's removal kills and waits again.
        if (!allExited()) cgroups.release();
      }
    }
    return new Result(trace.events(), finished ? reason : reasonOrError(reason), List.copyOf(setupErrors));
  }

  private FinishReason reasonOrError(FinishReason reason) {
    if (reason == FinishReason.INTERRUPTED || stop.requested()) return FinishReason.INTERRUPTED;
    return setupErrors.isEmpty() ? reason : FinishReason.ERROR;
  }

  // ---- setup ----------------------------------------------------------------------------------

  private boolean needsTmpfs() {
    return scenario.tasks().stream().anyMatch(t -> t.mode() == AllocationMode.TMPFS);
  }

  /**
   * The run directory gets a limit just above everything the tasks may allocate: no workload can
   * ever allocate outside a limited memcg (the scenario's own cgroups may be unlimited), and the
   * bound is never reached by the experiment itself.
   */
  private void boundRun(RunDir runDir) throws IOException {
    long total = scenario.tasks().stream().mapToLong(TaskSpec::allocate).sum();
    runDir.cgroup().setLimit(total + 64 * Size.M);
  }

  private void watch(OomListener listener, String path) throws IOException {
    Path dir = cgroups.get(path).path();
    if (root.version() == CgroupVersion.V1) listener.watchOom(path, dir);
    else listener.watchMemoryEvents(path, dir);
  }

  /** The kernel prints memcg paths relative to the hierarchy's mount: {@code /oomlab/run-1-x}. */
  private String kernelPath(Path runDir) {
    return "/" + root.hierarchy().mount().relativize(runDir);
  }

  private void launch(WorkloadLauncher launcher) throws IOException {
    WorkloadListener listener = new WorkloadListener() {
      @Override
      public void reported(long nanos, WorkloadReport report) {
        queue.add(new RunEvent.Reported(nanos, report));
      }

      @Override
      public void exited(long nanos, String task, long pid, WorkloadExit exit) {
        queue.add(new RunEvent.Exited(nanos, task, pid, exit));
      }
    };
    for (TaskSpec task : scenario.tasks()) {
      if (stop.requested()) return; // the rest is not launched; the teardown kills what was
      if (task.shareMm().isPresent()) continue;
      List<WorkloadSpec> sharers = scenario.tasks().stream()
          .filter(s -> s.shareMm().map(task.name()::equals).orElse(false))
          .map(s -> new WorkloadSpec(s, cgroups.procsFile(s.cgroup())))
          .toList();
      Workload w = launcher.launch(new WorkloadSpec(task, cgroups.procsFile(task.cgroup()), sharers), listener);
      for (String name : w.tasks()) workloads.put(name, w);
    }
  }

  /** Waits until every task joined its cgroup and set its adj (or failed doing so). */
  private boolean awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ledger.all().stream().anyMatch(e -> e.pid < 0 && !e.exited) && System.nanoTime() < deadline) {
      if (stop.requested()) return false;
      take(TimeUnit.MILLISECONDS.toNanos(50));
    }
    for (TaskLedger.Entry e : ledger.all()) {
      if (e.pid < 0 && !e.exited) setupErrors.add("task " + e.task + ": no ready report within 10 s");
      else if (e.exited) setupErrors.add("task " + e.task + " ended before the start: " + e.exitDescription);
    }
    return setupErrors.isEmpty();
  }

  // ---- the run --------------------------------------------------------------------------------

  private FinishReason loop(OomListener listener) {
    long now = System.nanoTime();
    lastActivity = now;
    startTasks(gate.commonStart(), now);
    fireAfterHandlers(null, 0);
    long deadline = now + scenario.timeout().toNanos();
    while (true) {
      take(TimeUnit.MILLISECONDS.toNanos(10));
      if (stop.requested()) return FinishReason.INTERRUPTED;
      now = System.nanoTime();
      if (now - lastUsageSample >= USAGE_SAMPLE_NANOS) recordUsage();
      // take() handles a bounded backlog: a task's report still queued is progress not yet seen,
      // so nothing is judged stalled until only repeated OOM notifications are left.
      if (queue.stream().anyMatch(e -> !isRepeatedOom(e))) {
        if (now >= deadline) return FinishReason.TIMEOUT;
        continue;
      }
      for (TaskLedger.Entry stalled : ledger.stalled(now, lastActivity, settleNanos)) {
        if (heldByKernel(stalled)) startTasks(gate.stopped(stalled.task), now);
      }
      if (!setupErrors.isEmpty()) return FinishReason.ERROR;
      if (gate.waiting().isEmpty() && writesInFlight == 0
          && ledger.quiescent(now, lastActivity, settleNanos, this::heldByKernel) && noneDying()) {
        // A notification the listener thread has not handed over yet may still fire a handler
        // (5.10 v1 race-oom-kill-disable-two-waiters: both waiters in the memcg OOM wait, the
        // eventfd signalled 2 s before the run ended and handled only after it, so the raise and
        // both tasks' completion fell after run_finished). Quiescent only if the sync brings none
        // but repeats (a cgroup notified before fires no handler: a fault retried forever keeps
        // notifying).
        syncListener(listener);
        if (queue.stream().allMatch(this::isRepeatedOom)) return FinishReason.QUIESCENT;
      }
      if (now >= deadline) return FinishReason.TIMEOUT;
    }
  }

  /** Handles the next event, waiting at most {@code timeoutNanos}, then the backlog queued by then ({@link EventDrain}). */
  private void take(long timeoutNanos) {
    try {
      EventDrain.drain(queue, timeoutNanos, this::handle);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      setupErrors.add("interrupted");
    }
  }

  /**
   * Evidence that a stalled task is held by the kernel, not merely slow on a loaded machine: an
   * OOM was notified for its memcg or an ancestor since the last handler action
   * ({@link OomEvidence}), or one of its threads sleeps in D. A task the kernel chose as
   * a victim (its kill report arrived, SIGKILL is pending, or it is in do_exit) is dying instead:
   * the run waits for its exit.
   */
  private boolean heldByKernel(TaskLedger.Entry e) {
    if (killedByKernel.contains(e.pid)) return false; // an OOM victim still exiting
    Optional<BlockedState> state = BlockedState.read(e.pid);
    if (state.isEmpty() || state.get().dying() || state.get().throttled()) return false;
    if (oomEvidence.holds(scenario.task(e.task).map(TaskSpec::cgroup).orElseThrow())) return true;
    return state.get().state() == 'D';
  }

  /**
   * No task is on its way out: a victim that had finished allocating (it holds its memory, so it
   * counts as quiet) is killed when another task's charge needs its memory, and the run must see
   * it die before it ends. Killed by a handler or reported by the kernel, SIGKILL pending,
   * PF_EXITING, a zombie, or gone with its exit not yet handled: all dying.
   */
  private boolean noneDying() {
    for (TaskLedger.Entry e : ledger.all()) {
      if (e.exited || e.pid < 0) continue;
      if (killedByAgent.contains(e.task) || killedByKernel.contains(e.pid)) return false;
      Optional<BlockedState> state = BlockedState.read(e.pid);
      if (state.isEmpty() || state.get().dying() || state.get().state() == 'Z') return false;
    }
    return true;
  }

  private void handle(RunEvent event) {
    if (!isRepeatedOom(event)) lastActivity = Math.max(lastActivity, event.nanos());
    switch (event) {
      case RunEvent.Reported r -> handleReport(r.nanos(), r.report());
      case RunEvent.Exited x -> handleExit(x);
      case RunEvent.Notified n -> handleNotification(n.nanos(), n.event());
      case RunEvent.KernelReaped r -> {
        if (ledger.byPid(r.reaped().pid()).isPresent()) {
          trace.record(r.nanos(), t -> new TraceEvent.KernelOomReaped(t, (int) r.reaped().pid(), r.reaped().comm(),
              r.reaped().anonRssKb(), r.reaped().fileRssKb(), r.reaped().shmemRssKb()));
        }
      }
      case RunEvent.KernelKilled k -> {
        if (k.kill().unattributed() && ledger.byPid(k.kill().pid()).isEmpty()) return; // another run's
        killedByKernel.add(k.kill().pid());
        recordKernelKill(k);
      }
      case RunEvent.LimitWriteStarted w -> trace.record(w.nanos(), t -> new TraceEvent.HandlerStarted(t, w.handler(),
          scenario.handlers().get(w.handler()).action().toString()));
      case RunEvent.LimitWritten w -> {
        writesInFlight--;
        oomEvidence.resolved(w.nanos());
        trace.record(w.nanos(), t -> new TraceEvent.HandlerAction(t, w.handler(),
            scenario.handlers().get(w.handler()).action().toString(), w.result(), w.error()));
      }
      case RunEvent.Failed f -> setupErrors.add(f.what() + ": " + f.cause().getMessage());
    }
  }

  private void recordKernelKill(RunEvent.KernelKilled k) {
    trace.record(k.nanos(), t -> new TraceEvent.KernelOomKill(t, (int) k.kill().pid(),
          k.kill().comm(), k.kill().oomMemcg(), k.kill().taskMemcg(), k.kill().constraint(), k.kill().anonRssKb(),
          k.kill().oomScoreAdj() == null ? 0 : k.kill().oomScoreAdj()));
  }

  private void handleReport(long nanos, WorkloadReport report) {
    TaskLedger.Entry e = ledger.get(report.task());
    switch (report) {
      case WorkloadReport.Ready r -> {
        e.pid = r.pid();
        TaskSpec spec = scenario.task(r.task()).orElseThrow();
        trace.record(nanos, t -> new TraceEvent.TaskStarted(t, r.task(), (int) r.pid(), spec.cgroup(), spec.shareMm().orElse(null)));
      }
      case WorkloadReport.Step s -> {
        ledger.progressed(s.task(), s.bytes(), nanos);
        // populate: what mincore says really arrived is what the task holds
        long held = s.resident().orElse(s.bytes());
        trace.record(nanos, t -> new TraceEvent.TaskAllocated(t, s.task(), held));
        startTasks(gate.allocated(s.task(), s.bytes()), nanos);
        fireAfterHandlers(s.task(), s.bytes());
      }
      case WorkloadReport.Enomem m -> {
        e.enomem = true;
        ledger.progressed(m.task(), m.bytes(), nanos);
        trace.record(nanos, t -> new TraceEvent.TaskEnomem(t, m.task(), (int) e.pid, m.bytes()));
      }
      case WorkloadReport.Done d -> {
        e.done = true;
        ledger.progressed(d.task(), d.bytes(), nanos);
        startTasks(gate.stopped(d.task()), nanos);
        fireAfterHandlers(d.task(), d.bytes());
      }
      case WorkloadReport.Error err -> e.exitDescription = err.what() + " failed: " + Errno.of(err.errno());
      case WorkloadReport.Cloned c -> { }
    }
  }

  private void handleExit(RunEvent.Exited x) {
    TaskLedger.Entry e = ledger.get(x.task());
    e.exited = true;
    if (e.pid < 0) e.pid = x.pid();
    if (e.exitDescription == null) e.exitDescription = x.exit().describe();
    WorkloadExit exit = x.exit();
    Killer killer = !exit.bySignal() ? null
        : killedByAgent.contains(x.task()) || finished ? Killer.AGENT
        : exit.signal() == WorkloadExit.SIGKILL ? Killer.KERNEL : null;
    trace.record(x.nanos(), t -> new TraceEvent.TaskExited(t, x.task(), (int) x.pid(),
        exit.bySignal() ? null : exit.code(), exit.bySignal() ? exit.signal() : null, killer));
    if (killer == Killer.KERNEL) oomEvidence.resolved(x.nanos());
    if (!finished) startTasks(gate.stopped(x.task()), x.nanos());
  }

  /**
   * A further OOM notification of a memcg already notified is no activity: it is the symptom of a
   * task the kernel keeps in OOM (on 6.1 a fault with no eligible victim retries forever, and
   * memory.events' oom counts up by the thousand). Counting it kept such a run from settling, so
   * the task came out as survived at the timeout instead of blocked.
   */
  private boolean isRepeatedOom(RunEvent event) {
    return event instanceof RunEvent.Notified n && n.event().kind() == OomEvent.Kind.OOM
        && notifications.getOrDefault(n.event().cgroup(), 0L) > 0;
  }

  private void handleNotification(long nanos, OomEvent event) {
    if (event.kind() != OomEvent.Kind.OOM || finished) return;
    String cgroup = event.cgroup();
    long count = notifications.merge(cgroup, event.count(), Long::sum);
    oomEvidence.notified(cgroup, nanos);
    TraceEvent.NotificationSource source = root.version() == CgroupVersion.V1
        ? TraceEvent.NotificationSource.EVENTFD : TraceEvent.NotificationSource.MEMORY_EVENTS;
    trace.record(nanos, t -> new TraceEvent.OomNotified(t, cgroup, source, count));
    // under_oom is true only while a task waits in the memcg OOM: sample it now, before a handler
    // acts; a storm of repeated notifications (a fault retried forever) is sampled every 25 ms.
    if (cgroups.get(cgroup) instanceof MemoryCgroupV1 v1) {
      long now = System.nanoTime();
      Long last = oomControlSampled.get(cgroup);
      if (last == null || now - last >= USAGE_SAMPLE_NANOS) {
        oomControlSampled.put(cgroup, now);
        recordOomControl(cgroup, v1);
      }
    }
    List<Handler> handlers = scenario.handlers();
    for (int i = 0; i < handlers.size(); i++) {
      if (handlers.get(i).on() instanceof HandlerTrigger.Oom o && o.cgroup().equals(cgroup) && handlersFired.add(i)) {
        act(i, handlers.get(i).action());
      }
    }
  }

  /**
   * Handlers triggered by {@code after <task> <size>}: they fire once the task has reported at
   * least that size ({@code task} null: the common start, for a size of 0).
   */
  private void fireAfterHandlers(String task, long bytes) {
    if (finished) return;
    List<Handler> handlers = scenario.handlers();
    for (int i = 0; i < handlers.size(); i++) {
      if (handlers.get(i).on() instanceof HandlerTrigger.After a
          && (task == null ? a.allocated() == 0 : a.task().equals(task) && bytes >= a.allocated())
          && handlersFired.add(i)) {
        act(i, handlers.get(i).action());
      }
    }
  }

  private void act(int index, HandlerAction action) {
    switch (action) {
      case HandlerAction.RaiseLimit r -> writeLimitOffLoop(index, r.cgroup(), r.limit());
      case HandlerAction.SetLimit r -> writeLimitOffLoop(index, r.cgroup(), r.limit());
      default -> actNow(index, action);
    }
  }

  /**
   * Writes a handler's limit on a thread of its own, which reports the start and the result back
   * through the queue (the trace's {@code handler_started} and {@code handler_action}): on v2 a
   * {@code memory.max} below usage returns only after the kernel's kill loop in
   * {@code memory_max_write}. The thread is a daemon: a write still blocked at the end of the
   * run returns once the teardown has killed the cgroup's tasks.
   */
  private void writeLimitOffLoop(int index, String cgroup, long bytes) {
    writesInFlight++;
    Thread.ofPlatform().daemon().name("oomlab-limit-write-" + index).start(() -> {
      queue.add(new RunEvent.LimitWriteStarted(System.nanoTime(), index));
      String result = Outcome.WRITE_OK;
      String error = null;
      try {
        cgroups.writeLimit(cgroup, bytes);
      } catch (IOException | RuntimeException e) {
        result = resultOf(e);
        error = e.getMessage();
      }
      queue.add(new RunEvent.LimitWritten(System.nanoTime(), index, result, error));
    });
  }

  /** {@code ok} is not an exception; a failed call is its errno name, anything else {@code error}. */
  private static String resultOf(Exception e) {
    return e instanceof NativeException ne ? ne.errno().name() : "error";
  }

  private void actNow(int index, HandlerAction action) {
    String error = null;
    String result = Outcome.WRITE_OK;
    try {
      switch (action) {
        case HandlerAction.RaiseLimit _, HandlerAction.SetLimit _ ->
            throw new IllegalStateException("limit writes go through writeLimitOffLoop");
        case HandlerAction.Kill k -> {
          killedByAgent.add(k.task());
          workloads.get(k.task()).kill(k.task());
        }
        case HandlerAction.Move m -> {
          long pid = ledger.get(m.task()).pid;
          cgroups.get(m.cgroup()).addProc(pid);
        }
        case HandlerAction.EnableOomKiller e -> ((MemoryCgroupV1) cgroups.get(e.cgroup())).setOomKillDisable(false);
      }
    } catch (IOException | RuntimeException e) {
      error = e.getMessage();
      result = resultOf(e);
    }
    oomEvidence.resolved(System.nanoTime());
    String failure = error;
    String outcome = result;
    trace.record(t -> new TraceEvent.HandlerAction(t, index, action.toString(), outcome, failure));
  }

  private void startTasks(List<String> tasks, long nanos) {
    for (String task : tasks) {
      TaskLedger.Entry e = ledger.get(task);
      if (e.exited) continue;
      try {
        workloads.get(task).start(task);
        ledger.started(task, nanos);
      } catch (IOException ex) {
        // its process is gone: the exit arrives through the queue
      }
    }
  }

  // ---- the end --------------------------------------------------------------------------------

  /**
   * Every OOM notification the kernel signalled during the run reaches the trace: the listener
   * hands over what is pending. v2 memory.events notifications are rate-limited by the kernel
   * (cgroup_file_notify, at most one per 20 ms per file), so v2 waits that long first.
   */
  private void syncListener(OomListener listener) {
    try {
      if (root.version() == CgroupVersion.V2) Thread.sleep(25);
      if (!listener.sync(java.time.Duration.ofSeconds(2))) setupErrors.add("the OOM listener did not answer within 2 s");
    } catch (IOException e) {
      setupErrors.add("syncing the OOM listener: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      setupErrors.add("interrupted");
    }
    take(0);
  }

  /** Kernel reports are read on another thread: give each kernel-killed task's report a moment. */
  private void awaitKernelReports() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    while (kernelKillsWithoutReport() && System.nanoTime() < deadline) {
      take(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private boolean kernelKillsWithoutReport() {
    Set<Integer> reported = new HashSet<>();
    List<Integer> killed = new ArrayList<>();
    for (TraceEvent e : trace.events()) {
      if (e instanceof TraceEvent.KernelOomKill k) reported.add(k.pid());
      if (e instanceof TraceEvent.TaskExited x && x.killedBy() == Killer.KERNEL) killed.add(x.pid());
    }
    return !reported.containsAll(killed);
  }

  /** Memory over time for the report's charts, and peak vs limit: the evidence of a forced charge. */
  private void recordUsage() {
    lastUsageSample = System.nanoTime();
    for (var entry : cgroups.all().entrySet()) {
      MemoryCgroup cg = entry.getValue();
      try {
        // Stamped when the reads start: a limit write racing them (set-limit) may end before they
        // do, and a sample stamped after that write would show its usage from before it.
        long readStart = System.nanoTime();
        UsageSample u = UsageSample.read(cg);
        trace.record(readStart, t -> new TraceEvent.CgroupUsage(t, entry.getKey(), u.usage(),
            u.peak().isPresent() ? u.peak().getAsLong() : null, u.limit() == MemoryCgroup.UNLIMITED ? null : u.limit()));
      } catch (IOException e) {
        setupErrors.add("reading the usage of " + entry.getKey() + ": " + e.getMessage());
      }
    }
  }

  private void recordCounters() {
    recordUsage();
    for (var entry : cgroups.all().entrySet()) {
      String path = entry.getKey();
      try {
        switch (entry.getValue()) {
          case MemoryCgroupV1 v1 -> recordOomControl(path, v1);
          case MemoryCgroupV2 v2 -> {
            MemoryEvents events = v2.events();
            MemoryEvents local = v2.eventsLocal();
            trace.record(t -> new TraceEvent.MemoryEvents(t, path, events.all(), local.all()));
          }
        }
      } catch (IOException e) {
        setupErrors.add("reading the counters of " + path + ": " + e.getMessage());
      }
    }
  }

  private void recordOomControl(String path, MemoryCgroupV1 v1) {
    try {
      OomControl c = v1.oomControl();
      trace.record(t -> new TraceEvent.OomControl(t, path, c.underOom(), c.oomKillDisable(), c.oomKill().orElse(0)));
    } catch (IOException e) {
      setupErrors.add("reading " + path + "/memory.oom_control: " + e.getMessage());
    }
  }

  /** Tasks stalled at the end and held by the kernel are blocked: say where, from /proc. */
  private void recordBlocked() {
    for (TaskLedger.Entry e : ledger.stalled(System.nanoTime(), lastActivity, settleNanos)) {
      if (!heldByKernel(e)) continue;
      BlockedState.read(e.pid).ifPresent(state ->
          trace.record(t -> new TraceEvent.TaskBlocked(t, e.task, (int) e.pid, state.describe())));
    }
  }

  /** After the kills of the teardown: their exits go into the trace (killedBy agent). */
  private void drainExits() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!allExited() && System.nanoTime() < deadline) take(TimeUnit.MILLISECONDS.toNanos(10));
    take(0);
  }

  private boolean allExited() {
    return workloads.values().stream().allMatch(Workload::exited);
  }

  /** Holds an optional tmpfs mount for try-with-resources. */
  private record TmpfsHolder(Optional<TmpfsMount> mount) implements AutoCloseable {
    Path dir() {
      return mount.map(TmpfsMount::path).orElse(TmpfsMount.tmpRoot());
    }

    @Override
    public void close() throws IOException {
      if (mount.isPresent()) mount.get().close();
    }
  }
}

package oomlab.agent.trace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Labels;

/**
 * One line of {@code trace.jsonl} (DESIGN section 4): {@code {"t": <ns since run start>, "type":
 * ..., ...}}. One record per type; JSON field names are the record components' names, or the
 * kernel's own names where DESIGN uses them ({@code under_oom}, {@code oom_memcg}, ...). Cgroups
 * are named by their scenario path ({@code A/B}); {@link CgroupCreated} maps that to the file
 * system. Optional fields are {@code null} and left out of the JSON.
 */
public sealed interface TraceEvent {

  /** Nanoseconds since the run started (the {@link TraceWriter}'s creation). */
  long t();

  /**
   * The JSON {@code type}: the record's name in snake case ({@code TaskStarted} is
   * {@code task_started}), so a type and its record cannot disagree.
   */
  default String type() {
    return typeOf(getClass());
  }

  static String typeOf(Class<? extends TraceEvent> type) {
    return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** Every type, in the order DESIGN lists them; the reader resolves {@code type} through it. */
  List<Class<? extends TraceEvent>> TYPES = List.of(RunStarted.class, CgroupCreated.class, TaskStarted.class,
      TaskAllocated.class, TaskEnomem.class, OomNotified.class, MemoryEvents.class, CgroupUsage.class,
      OomControl.class, KernelOomKill.class, KernelOomReaped.class, TaskExited.class, TaskBlocked.class,
      HandlerStarted.class, HandlerAction.class, RunFinished.class);

  /**
   * The agent starts a run.
   *
   * @param kernel the running kernel's release ({@code uname -r})
   * @param target {@code local} or {@code vm:<kernel>}
   */
  record RunStarted(long t, String scenario, String kernel, CgroupVersion cgroupVersion, String target)
      implements TraceEvent {}

  /**
   * A scenario cgroup exists and is configured.
   *
   * @param cgroup the scenario's path ({@code A/B})
   * @param path   its directory, e.g. {@code /sys/fs/cgroup/memory/oomlab/run-123-x/A/B}
   */
  record CgroupCreated(long t, String cgroup, String path) implements TraceEvent {}

  /**
   * A task's workload process joined its cgroup and set its adj; it waits for the common start.
   *
   * @param cgroup the scenario path of the cgroup it joined ({@code A/B}); null in traces written
   *               before the field existed
   * @param shareMm the task whose mm this process shares (CLONE_VM, the scenario's {@code shareMm});
   *               null for a process with its own mm
   */
  record TaskStarted(long t, String task, int pid, String cgroup, String shareMm) implements TraceEvent {}

  /**
   * A task finished an allocation step.
   *
   * @param bytes the task's total so far; for {@code populate}, what mincore says really arrived
   */
  record TaskAllocated(long t, String task, long bytes) implements TraceEvent {}

  /**
   * An allocation step failed with ENOMEM (a tmpfs write, a populate, an mlock); the task goes
   * on holding what it has.
   *
   * @param bytes the task's total when the step failed
   */
  record TaskEnomem(long t, String task, int pid, long bytes) implements TraceEvent {}

  /** Where an OOM notification came from. */
  enum NotificationSource {
    EVENTFD("eventfd"), MEMORY_EVENTS("memory.events"), PSI("psi");

    private final String label;

    NotificationSource(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static NotificationSource parse(String text) {
      return Labels.parse(NotificationSource.class, text, "a notification source", NotificationSource::label);
    }
  }

  /**
   * An OOM notification arrived for a cgroup.
   *
   * @param count the notifications counted for this cgroup so far in the run, this one included
   */
  record OomNotified(long t, String cgroup, NotificationSource source, long count) implements TraceEvent {}

  /**
   * A read of v2 {@code memory.events}.
   *
   * @param counters      {@code memory.events} (hierarchical): name to value ({@code oom}, {@code oom_kill}, ...)
   * @param localCounters {@code memory.events.local}, or null where the kernel has none
   */
  record MemoryEvents(long t, String cgroup, Map<String, Long> counters, Map<String, Long> localCounters)
      implements TraceEvent {
    public MemoryEvents {
      counters = counters == null ? Map.of() : Map.copyOf(counters);
      localCounters = localCounters == null ? null : Map.copyOf(localCounters);
    }
  }

  /**
   * A read of a cgroup's memory usage: the samples behind the report's memory-over-time chart,
   * and the evidence of a forced charge ({@code peak} above {@code limit} = overcharged).
   *
   * @param usage bytes charged now (v1 {@code memory.usage_in_bytes}, v2 {@code memory.current})
   * @param peak  the high-water mark (v1 {@code memory.max_usage_in_bytes}, v2 {@code memory.peak},
   *              5.19+), or null where the kernel has none
   * @param limit the limit in force at the read, or null when unlimited
   */
  record CgroupUsage(long t, String cgroup, long usage, Long peak, Long limit) implements TraceEvent {}

  /** A read of v1 {@code memory.oom_control}, keys as the kernel prints them. */
  record OomControl(long t, String cgroup,
                    @JsonProperty("under_oom") boolean underOom,
                    @JsonProperty("oom_kill_disable") boolean oomKillDisable,
                    @JsonProperty("oom_kill") long oomKill) implements TraceEvent {}

  /**
   * A kernel OOM kill report from {@code /dev/kmsg} (the {@code oom-kill:} and {@code Killed
   * process} lines), keys as the kernel prints them.
   *
   * @param oomMemcg   the memcg that hit its limit, as the kernel prints it (a cgroup file-system path)
   * @param taskMemcg  the victim's memcg, likewise
   * @param constraint {@code CONSTRAINT_MEMCG}, ...
   * @param oomScoreAdj the victim's adj as the kernel printed it (since 5.9); null before
   */
  record KernelOomKill(long t, int pid, String comm,
                       @JsonProperty("oom_memcg") String oomMemcg,
                       @JsonProperty("task_memcg") String taskMemcg,
                       String constraint,
                       @JsonProperty("anon_rss_kb") long anonRssKb,
                       @JsonProperty("oom_score_adj") Integer oomScoreAdj) implements TraceEvent {}

  /**
   * The oom_reaper unmapped a victim's memory before it exited ({@code oom_reaper: reaped
   * process}, from {@code /dev/kmsg}): what was left of its RSS. Mlocked memory stays (seed 001).
   */
  record KernelOomReaped(long t, int pid, String comm,
                         @JsonProperty("anon_rss_kb") long anonRssKb,
                         @JsonProperty("file_rss_kb") long fileRssKb,
                         @JsonProperty("shmem_rss_kb") long shmemRssKb) implements TraceEvent {}

  /** Who killed a task. */
  enum Killer {
    KERNEL, AGENT;

    @JsonValue
    public String label() {
      return Labels.of(this);
    }

    @JsonCreator
    public static Killer parse(String text) {
      return Labels.parse(Killer.class, text, "a killer");
    }
  }

  /**
   * A task's process ended. Exactly one of {@code exitCode} and {@code signal} is set.
   *
   * @param signal   the terminating signal's number (9 = SIGKILL)
   * @param killedBy who sent the signal, when known: the kernel's OOM killer or the agent (a
   *                 handler's {@code kill}, or the teardown); null for a normal exit
   */
  record TaskExited(long t, String task, int pid, Integer exitCode, Integer signal, Killer killedBy)
      implements TraceEvent {
    public TaskExited {
      if ((exitCode == null) == (signal == null)) {
        throw new IllegalArgumentException("task_exited needs exactly one of exitCode and signal");
      }
    }
  }

  /**
   * A task is alive but makes no progress: asleep in the memcg OOM wait, or retrying a fault.
   *
   * @param state the {@code State:} line of {@code /proc/PID/status}, e.g. {@code D (disk sleep)}
   */
  record TaskBlocked(long t, String task, int pid, String state) implements TraceEvent {}

  /**
   * A handler's limit write is about to be made (on the agent's writer thread, just before
   * {@code write(2)}): a v2 {@code memory.max} below usage returns only once the kernel has
   * OOM-killed enough, so its {@link HandlerAction} comes later, or never if it still blocks at
   * the end of the run.
   *
   * @param handler its index in the scenario's {@code handlers:}
   * @param action  in the scenario grammar: {@code set-limit A 16M}
   */
  record HandlerStarted(long t, int handler, String action) implements TraceEvent {}

  /**
   * A userspace handler acted (for a limit write: the write returned).
   *
   * @param handler its index in the scenario's {@code handlers:}
   * @param action  what it did, in the scenario grammar: {@code raise-limit A/B 96M}
   * @param result  {@code ok}, the errno name of the failed call ({@code EBUSY}), or {@code error}
   *                for a failure without errno; null in traces written before it existed
   * @param error   why the action failed (call, file, errno), or null when it succeeded
   */
  record HandlerAction(long t, int handler, String action, String result, String error) implements TraceEvent {}

  /** Why a run ended. */
  enum FinishReason {
    /** Every task finished, was killed, or made no progress for the settle time. */
    QUIESCENT,
    /** The scenario's {@code timeout} passed first. */
    TIMEOUT,
    /** The agent gave up on an error; the trace's last events say which. */
    ERROR,
    /** SIGINT or SIGTERM stopped the run (StopRequest): the trace is incomplete, no outcome is derived. */
    INTERRUPTED;

    @JsonValue
    public String label() {
      return Labels.of(this);
    }

    @JsonCreator
    public static FinishReason parse(String text) {
      return Labels.parse(FinishReason.class, text, "a finish reason");
    }
  }

  /**
   * The experiment is over. Events after it belong to the teardown (blocked tasks released or
   * killed by the agent) and do not change the outcome.
   */
  record RunFinished(long t, FinishReason reason) implements TraceEvent {
    public RunFinished {
      Objects.requireNonNull(reason, "reason");
    }
  }
}

package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import oomlab.model.scenario.CgroupVersion;

/**
 * The comparable abstraction of one run (DESIGN section 4, {@code outcome.json}), produced from
 * a real trace by the agent and from a terminal state by the model.
 *
 * <p>Task sets are sorted and deduplicated and maps are sorted by cgroup path at construction,
 * so two equal outcomes are {@code equals} and serialize to the same bytes; only
 * {@code killOrder} keeps its order. {@code killed}, {@code survived} and {@code blocked} are
 * disjoint: survived = alive at the end and not blocked. {@code enomem} lists tasks that saw an
 * allocation fail with ENOMEM (they may be in any of the other three).
 *
 * @param notifications OOM notifications received per cgroup (v1 eventfd, v2 memory.events changes)
 * @param events        final OOM counters per cgroup
 * @param overcharged   per cgroup: usage was seen above the limit (a forced charge)
 * @param underOomSeen  per cgroup: v1 {@code under_oom} was seen 1 (a task slept in the memcg OOM wait)
 * @param handlers      per handler index, the result of each limit write that was made (raise-limit,
 *                      set-limit): {@code ok} or the errno name ({@code EBUSY}); a handler that
 *                      never acted is absent. Left out of the JSON when empty (files written before
 *                      it existed read back unchanged).
 */
@JsonPropertyOrder({"scenario", "kernel", "cgroupVersion", "killed", "killOrder", "survived", "blocked", "enomem",
    "notifications", "events", "overcharged", "underOomSeen", "handlers"})
public record Outcome(String scenario, String kernel, CgroupVersion cgroupVersion,
           List<String> killed, List<String> killOrder, List<String> survived,
           List<String> blocked, List<String> enomem,
           Map<String, Integer> notifications, Map<String, MemoryEventCounts> events,
           Map<String, Boolean> overcharged, Map<String, Boolean> underOomSeen,
           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Integer, String> handlers) {

  /** The result of a limit write the kernel accepted. */
  public static final String WRITE_OK = "ok";

  public Outcome {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(cgroupVersion, "cgroupVersion");
    killed = sorted(killed);
    killOrder = killOrder == null ? List.of() : List.copyOf(killOrder);
    survived = sorted(survived);
    blocked = sorted(blocked);
    enomem = sorted(enomem);
    notifications = sorted(notifications);
    events = sorted(events);
    overcharged = sorted(overcharged);
    underOomSeen = sorted(underOomSeen);
    handlers = sorted(handlers);
    requireDisjoint("killed", killed, "survived", survived);
    requireDisjoint("killed", killed, "blocked", blocked);
    requireDisjoint("survived", survived, "blocked", blocked);
  }

  /** An outcome without limit writes. */
  public Outcome(String scenario, String kernel, CgroupVersion cgroupVersion,
                 List<String> killed, List<String> killOrder, List<String> survived,
                 List<String> blocked, List<String> enomem,
                 Map<String, Integer> notifications, Map<String, MemoryEventCounts> events,
                 Map<String, Boolean> overcharged, Map<String, Boolean> underOomSeen) {
    this(scenario, kernel, cgroupVersion, killed, killOrder, survived, blocked, enomem, notifications, events,
        overcharged, underOomSeen, Map.of());
  }

  /** A task has one fate; two means the deriving code is wrong, so it fails here, not in a report. */
  private static void requireDisjoint(String aName, List<String> a, String bName, List<String> b) {
    for (String task : a) {
      if (b.contains(task)) {
        throw new IllegalArgumentException("task " + task + " is both " + aName + " and " + bName);
      }
    }
  }

  /**
   * The fields a conformance check and a {@code --repeat} distribution compare, by JSON name, in
   * JSON order: everything but {@code scenario}, {@code kernel} and {@code cgroupVersion}, which
   * say where the outcome came from, not what happened.
   */
  public Map<String, Object> comparedFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("killed", killed);
    m.put("killOrder", killOrder);
    m.put("survived", survived);
    m.put("blocked", blocked);
    m.put("enomem", enomem);
    m.put("notifications", notifications);
    m.put("events", events);
    m.put("overcharged", overcharged);
    m.put("underOomSeen", underOomSeen);
    m.put("handlers", handlers);
    return Collections.unmodifiableMap(m);
  }

  private static List<String> sorted(Collection<String> names) {
    return names == null ? List.of() : List.copyOf(new TreeSet<>(names));
  }

  private static <K extends Comparable<K>, V> Map<K, V> sorted(Map<K, V> map) {
    return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}

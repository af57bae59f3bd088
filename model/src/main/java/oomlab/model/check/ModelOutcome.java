package oomlab.model.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.State;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.scenario.CgroupVersion;

/**
 * The outcome of one final state of the model, in the terms of {@link Outcome}, with what the
 * model cannot predict exactly abstracted (see docs/model.md):
 *
 * <ul>
 *   <li>{@code notified}: memcgs that got at least one OOM notification (counts not predicted:
 *       eventfd signals and memory.events changes coalesce and repeat with retries);
 *   <li>{@code events}: oom is 0 or 1 meaning "at least one" (retries make the count racy);
 *       oom_kill and oom_group_kill are exact;
 *   <li>{@code underOomPossible}: under_oom was set at some point (a poll may or may not see it);
 *       {@code underOomAtEnd}: it stays set because a task sleeps in the memcg OOM wait;
 *   <li>{@code handlers}: exactly, per limit-writing handler that acted: {@code ok}, {@code EBUSY},
 *       or {@code pending} (a v2 write still in its kill loop).
 * </ul>
 */
public record ModelOutcome(List<String> killed, List<String> killOrder, List<String> survived,
    List<String> blocked, List<String> enomem, List<String> notified, Map<String, MemoryEventCounts> events,
    List<String> overcharged, List<String> underOomPossible, List<String> underOomAtEnd,
    Map<Integer, String> handlers) {

  /** The result of a limit write that had not returned when the run ended. */
  public static final String WRITE_PENDING = "pending";

  /** The outcome of final state {@code s}; {@code looping}: s lies in a loop the run never leaves. */
  public static ModelOutcome of(MemcgModel model, State s, boolean looping) {
    ModelScenario sc = model.scenario();
    List<String> killed = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    List<String> survived = new ArrayList<>();
    List<String> blocked = new ArrayList<>();
    List<String> enomem = new ArrayList<>();
    for (int t = 0; t < s.tasks(); t++) {
      String name = sc.tasks().get(t).name();
      int pc = s.pc(t);
      if (s.killSeq(t) > 0) {
        killed.add(name);
        order.add(t);
      } else if (model.asleep(s, t) || looping && pc != MemcgModel.DONE && pc != MemcgModel.ENOMEM_STOP
          || pc == MemcgModel.WAITING_START) {
        blocked.add(name);
      } else {
        survived.add(name);
      }
      if (s.flag(t, State.GOT_ENOMEM)) enomem.add(name);
    }
    order.sort(Comparator.comparingInt(s::killSeq));
    List<String> killOrder = new ArrayList<>();
    for (int t : order) killOrder.add(sc.tasks().get(t).name());
    List<String> notified = new ArrayList<>();
    Map<String, MemoryEventCounts> events = new TreeMap<>();
    List<String> over = new ArrayList<>();
    List<String> uoPossible = new ArrayList<>();
    List<String> uoEnd = new ArrayList<>();
    for (int m = 0; m < s.memcgs(); m++) {
      String path = sc.memcgs().get(m).path();
      if (s.memcgFlag(m, State.M_NOTIFIED)) notified.add(path);
      events.put(path, new MemoryEventCounts(Math.min(1, s.eventsOom(m)), s.eventsOomKill(m), s.eventsOomGroupKill(m)));
      if (s.memcgFlag(m, State.M_OVERCHARGED)) over.add(path);
      if (s.memcgFlag(m, State.M_UNDER_OOM_SEEN)) uoPossible.add(path);
      for (int t = 0; t < s.tasks(); t++) {
        if (model.asleep(s, t) && sc.isDescendant(m, s.over(t))) {
          uoEnd.add(path);
          break;
        }
      }
    }
    Map<Integer, String> handlers = new TreeMap<>();
    for (int h = 0; h < sc.handlers().size(); h++) {
      if (!sc.handlers().get(h).action().writesLimit()) continue;
      switch (s.handlerDone(h)) {
        case MemcgModel.H_DONE -> handlers.put(h, Outcome.WRITE_OK);
        case MemcgModel.H_EBUSY -> handlers.put(h, "EBUSY");
        case MemcgModel.H_WRITING -> handlers.put(h, WRITE_PENDING);
        default -> { }
      }
    }
    return new ModelOutcome(sorted(killed), killOrder, sorted(survived), sorted(blocked), sorted(enomem),
        notified, events, over, uoPossible, uoEnd, handlers);
  }

  private static List<String> sorted(List<String> l) {
    return List.copyOf(new TreeSet<>(l));
  }

  /** As an {@link Outcome} (kernel {@code model:<design>}), for printing and JSON. */
  public Outcome toOutcome(String scenario, String design, CgroupVersion version, List<String> memcgs) {
    Map<String, Integer> notifications = new TreeMap<>();
    Map<String, Boolean> overMap = new TreeMap<>();
    Map<String, Boolean> uo = new TreeMap<>();
    for (String m : memcgs) {
      notifications.put(m, notified.contains(m) ? 1 : 0);
      overMap.put(m, overcharged.contains(m));
      uo.put(m, underOomAtEnd.contains(m));
    }
    return new Outcome(scenario, "model:" + design, version, killed, killOrder, survived, blocked, enomem,
        notifications, events, overMap, uo, handlers);
  }

  /** One line for tables: the task fields, then the memcg fields that are not all-zero. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("killed=").append(killOrder.isEmpty() ? "[]" : killOrder);
    b.append(" survived=").append(survived);
    if (!blocked.isEmpty()) b.append(" blocked=").append(blocked);
    if (!enomem.isEmpty()) b.append(" enomem=").append(enomem);
    if (!notified.isEmpty()) b.append(" notified=").append(notified);
    if (!overcharged.isEmpty()) b.append(" overcharged=").append(overcharged);
    StringBuilder ev = new StringBuilder();
    events.forEach((m, c) -> {
      if (c.oom() + c.oomKill() + c.oomGroupKill() == 0) return;
      ev.append(ev.isEmpty() ? "" : ",").append(m).append(':').append(c.oom() > 0 ? "oom>=1" : "oom=0")
          .append("/oom_kill=").append(c.oomKill());
      if (c.oomGroupKill() > 0) ev.append("/oom_group_kill=").append(c.oomGroupKill());
    });
    if (!ev.isEmpty()) b.append(" events={").append(ev).append('}');
    if (!underOomPossible.isEmpty()) b.append(" under_oom=").append(underOomPossible);
    if (!underOomAtEnd.isEmpty()) b.append(" under_oom_at_end=").append(underOomAtEnd);
    if (!handlers.isEmpty()) b.append(" writes=").append(handlers);
    return b.toString();
  }
}

package oomlab.agent.run;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import oomlab.model.outcome.MemoryEventCounts;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;
import oomlab.model.outcome.VerdictKind;

/** Outcomes as one line of text, for the per-scenario summary, the distribution table and the matrix. */
public final class OutcomeText {
  private OutcomeText() {}

  /**
   * {@code killed [big] survived [small] blocked [] notifications A=1 counters A:oom=1,oom_kill=1},
   * then {@code writes 0=EBUSY} when handlers wrote limits (handler index = result).
   */
  static String brief(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder();
    sb.append("killed ").append(fields.get("killed"));
    if (!((List<?>) fields.get("killOrder")).isEmpty() && ((List<?>) fields.get("killOrder")).size() > 1) {
      sb.append(" (order ").append(fields.get("killOrder")).append(')');
    }
    sb.append(" survived ").append(fields.get("survived"));
    sb.append(" blocked ").append(fields.get("blocked"));
    if (!((List<?>) fields.get("enomem")).isEmpty()) sb.append(" enomem ").append(fields.get("enomem"));
    sb.append(" notifications ").append(map(fields.get("notifications")));
    sb.append(" counters ").append(counters(fields.get("events")));
    sb.append(flags("overcharged", fields.get("overcharged")));
    sb.append(flags("underOom", fields.get("underOomSeen")));
    Map<?, ?> handlers = (Map<?, ?>) fields.getOrDefault("handlers", Map.of());
    if (!handlers.isEmpty()) sb.append(" writes ").append(map(handlers));
    return sb.toString();
  }

  public static String brief(Outcome outcome) {
    return brief(outcome.comparedFields());
  }

  static String verdicts(List<Verdict> verdicts) {
    return verdicts(verdicts, null);
  }

  /**
   * {@code mainline-6.12 conforms; older designs: hocko2018=conforms ...}: the era design's
   * verdict first, then the others; an error carries its message. Without an era design, every
   * verdict in order: {@code verdicts a=conforms b=diverges}.
   */
  public static String verdicts(List<Verdict> verdicts, String eraDesign) {
    if (verdicts.isEmpty()) return "verdicts none";
    Verdict lead = eraDesign == null ? null
        : verdicts.stream().filter(v -> v.design().equals(eraDesign)).findFirst().orElse(null);
    if (lead == null) return "verdicts " + verdicts.stream().map(OutcomeText::verdict).collect(Collectors.joining(" "));
    String rest = verdicts.stream().filter(v -> v != lead).map(OutcomeText::verdict).collect(Collectors.joining(" "));
    return lead.design() + " " + lead.verdict().label() + message(lead) + (rest.isEmpty() ? "" : "; older designs: " + rest);
  }

  private static String verdict(Verdict v) {
    return v.design() + "=" + v.verdict().label() + message(v);
  }

  private static String message(Verdict v) {
    return v.verdict() == VerdictKind.ERROR && v.message() != null ? " (" + v.message() + ")" : "";
  }

  private static String map(Object m) {
    Map<?, ?> map = (Map<?, ?>) m;
    if (map.isEmpty()) return "-";
    return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private static String counters(Object m) {
    Map<?, ?> map = (Map<?, ?>) m;
    if (map.isEmpty()) return "-";
    return map.entrySet().stream().map(e -> e.getKey() + ":" + (e.getValue() instanceof MemoryEventCounts c
        ? "oom=" + c.oom() + ",oom_kill=" + c.oomKill() + (c.oomGroupKill() > 0 ? ",oom_group_kill=" + c.oomGroupKill() : "")
        : e.getValue())).collect(Collectors.joining(" "));
  }

  private static String flags(String name, Object m) {
    Map<?, ?> map = (Map<?, ?>) m;
    List<?> on = map.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).toList();
    return on.isEmpty() ? "" : " " + name + " " + on;
  }
}

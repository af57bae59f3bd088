package oomlab.model.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The properties the explorer checks (DESIGN section 5). Some designs violate some on purpose. */
public enum Invariant {
  /** No two OOM kills in overlapping subtrees at once. */
  OOM_EXCLUSION("no two tasks are in an OOM kill of overlapping memcg subtrees at once"),
  /** No task sleeps while its wake condition holds and nothing can wake it. */
  NO_LOST_WAKEUP("no task sleeps forever while what it waits for has happened"),
  /** No task sleeps forever on something that will never happen (oom_kill_disable waits excepted). */
  NO_DEADLOCK("no task sleeps forever on a condition nothing can make true (oom_kill_disable excepted)"),
  /** No kill while an earlier victim in the same domain still holds memory. */
  NO_OVERKILL("no OOM kill while an earlier victim in the same memcg domain still holds memory"),
  /** Usage never exceeds a limit (but one a handler's set-limit put below usage on purpose). */
  LIMIT_RESPECTED("no memcg's usage ever exceeds its limit (a limit set below usage by a handler excepted)"),
  /** Every run can end: no task retries forever. */
  PROGRESS("every run ends: no reachable state loops forever without a way out");

  private final String meaning;

  Invariant(String meaning) {
    this.meaning = meaning;
  }

  /** The name used on the command line, e.g. {@code no-lost-wakeup}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String meaning() {
    return meaning;
  }

  public static Invariant parse(String label) {
    for (Invariant i : values()) if (i.label().equals(label)) return i;
    List<String> known = new ArrayList<>();
    for (Invariant i : values()) known.add(i.label());
    throw new IllegalArgumentException("unknown invariant " + label + " (known: " + String.join(", ", known) + ")");
  }

  /** Parses a comma-separated list; empty or null means all of them. */
  public static Set<Invariant> parseList(String list) {
    if (list == null || list.isBlank()) return EnumSet.allOf(Invariant.class);
    Set<Invariant> out = EnumSet.noneOf(Invariant.class);
    for (String s : list.split(",")) out.add(parse(s.trim()));
    return out;
  }
}

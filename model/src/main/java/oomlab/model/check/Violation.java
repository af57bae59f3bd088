package oomlab.model.check;

import java.util.List;

/**
 * An invariant the design breaks, with the shortest trace found: numbered steps in kernel words,
 * the last lines saying what is wrong in the state reached.
 */
public record Violation(Invariant invariant, String summary, List<String> trace) {
  public Violation {
    trace = List.copyOf(trace);
  }

  /** The counterexample as printed by {@code oomlab model check}. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append(invariant.label()).append(" violated: ").append(summary).append('\n');
    for (String line : trace) b.append("  ").append(line).append('\n');
    return b.toString();
  }
}

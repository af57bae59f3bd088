package oomlab.model.design;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import oomlab.model.scenario.CgroupVersion;

/**
 * What a design's era has, as data: the model's steps read these facts instead of asking the
 * design, and the conformance check compares only what the era can speak to (the counters it had,
 * its notifications).
 *
 * @param name       the design's name, as {@code --design} and verdicts use it
 * @param kernelLine the mainline line the design follows (e.g. {@code 6.1}), empty for designs
 *                   that were patches or spans of lines; the era design of a kernel is the
 *                   nearest line at or below its release ({@link Designs#eraOf})
 * @param facts      the behaviours of {@link Fact} the era has
 * @param tieRule    which of equal points {@code select_bad_process} keeps
 * @param v1Counters the counters of v1 {@code memory.oom_control} the era has
 * @param v2Counters the counters of v2 {@code memory.events} the era has
 */
public record DesignFacts(String name, String kernelLine, Set<Fact> facts, TieRule tieRule,
                          Set<Counter> v1Counters, Set<Counter> v2Counters) {

  public DesignFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kernelLine, "kernelLine");
    Objects.requireNonNull(tieRule, "tieRule");
    facts = facts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(facts));
    v1Counters = Set.copyOf(v1Counters);
    v2Counters = Set.copyOf(v2Counters);
  }

  public boolean has(Fact fact) {
    return facts.contains(fact);
  }

  /** The counters the era's {@code version} hierarchy reports. */
  public Set<Counter> counters(CgroupVersion version) {
    return version == CgroupVersion.V2 ? v2Counters : v1Counters;
  }

  /** Whether the era had OOM notifications on {@code version}: v1's eventfd (2.6.34 on), v2's memory.events. */
  public boolean notifies(CgroupVersion version) {
    return version == CgroupVersion.V1 || has(Fact.CGROUP_V2);
  }

  public Optional<String> line() {
    return kernelLine.isEmpty() ? Optional.empty() : Optional.of(kernelLine);
  }

  /** The same facts under another name (an alias such as {@code mainline6}). */
  public DesignFacts named(String alias) {
    return new DesignFacts(alias, kernelLine, facts, tieRule, v1Counters, v2Counters);
  }

  /** Facts with the v1 and v2 counters given. */
  public static DesignFacts of(String name, String kernelLine, TieRule tieRule, Set<Counter> v1Counters,
      Set<Counter> v2Counters, Fact... facts) {
    Set<Fact> f = EnumSet.noneOf(Fact.class);
    f.addAll(List.of(facts));
    return new DesignFacts(name, kernelLine, f, tieRule, v1Counters, v2Counters);
  }
}

package oomlab.model.check;

import java.util.ArrayList;
import java.util.List;
import oomlab.model.design.Designs;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.ModelScenario;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;
import oomlab.model.outcome.Verdict.Difference;
import oomlab.model.scenario.Scenario;

/**
 * Holds a real outcome against each design's reachable outcome set (Jepsen's checker shape: a
 * history, a model, a verdict with a witness). {@code conforms}: some allowed outcome matches
 * field by field; {@code diverges}: none does, and the verdict names the nearest one (fewest
 * differing fields, then most final states) with the model steps that reach it; {@code unknown}:
 * no match was found but the exploration hit {@code maxStates}, so one may exist.
 */
public final class Conformance {
  /** Default bound on distinct states per design. */
  public static final long DEFAULT_MAX_STATES = 5_000_000;

  private Conformance() {}

  /** Designs whose counters (memory.events, oom_control oom_kill) the model predicts. */
  static boolean predictsEvents(String design) {
    return design.equals("hocko2018") || design.equals("mainline6");
  }

  public static List<Verdict> check(Scenario scenario, Outcome real, List<String> designNames, long maxStates) {
    ModelScenario ms = ModelScenarios.from(scenario, real.cgroupVersion());
    List<Verdict> out = new ArrayList<>();
    for (String name : designNames) out.add(check(Designs.create(name, ms), real, maxStates));
    return out;
  }

  public static Verdict check(MemcgModel model, Outcome real, long maxStates) {
    AllowedOutcomes allowed = AllowedOutcomes.explore(model, maxStates);
    return verdict(allowed, real);
  }

  public static Verdict verdict(AllowedOutcomes allowed, Outcome real) {
    String design = allowed.model().name();
    boolean events = predictsEvents(design);
    AllowedOutcomes.Entry best = null;
    List<Difference> bestDiff = null;
    for (AllowedOutcomes.Entry e : allowed.entries()) {
      List<Difference> d = OutcomeComparison.differences(real, e.outcome(), events);
      if (best == null || d.size() < bestDiff.size()
          || d.size() == bestDiff.size() && e.finalStates() > best.finalStates()) {
        best = e;
        bestDiff = d;
      }
    }
    long states = allowed.exploration().states();
    int n = allowed.entries().size();
    if (best == null) {
      return new Verdict(design, oomlab.model.outcome.VerdictKind.UNKNOWN, states, 0, List.of(),
          List.of("no final state reached within the state bound"));
    }
    oomlab.model.outcome.VerdictKind c;
    if (bestDiff.isEmpty()) {
      c = oomlab.model.outcome.VerdictKind.CONFORMS;
    } else if (!allowed.complete()) {
      c = oomlab.model.outcome.VerdictKind.UNKNOWN;
    } else {
      c = oomlab.model.outcome.VerdictKind.DIVERGES;
    }
    return new Verdict(design, c, states, n, bestDiff, allowed.witness(best));
  }
}

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
import oomlab.model.outcome.VerdictKind;
import oomlab.model.scenario.Scenario;

/**
 * Holds a real outcome against each design's reachable outcome set (Jepsen's checker shape: a
 * history, a model, a verdict with a witness), on the fields the design's era can speak to
 * ({@link ComparedFields}). {@code conforms}: some allowed outcome matches on every compared
 * field; {@code diverges}: none does, and the verdict names the nearest one (fewest differing
 * fields, then most final states) with the model steps that reach it; {@code unknown}: no match
 * was found but the exploration hit {@code maxStates}, so one may exist; {@code not comparable}:
 * nothing is left to compare; {@code error}: exploring the design threw, and the other designs
 * are judged all the same.
 */
public final class Conformance {
  /** Default bound on distinct states per design. */
  public static final long DEFAULT_MAX_STATES = 5_000_000;

  private Conformance() {}

  public static List<Verdict> check(Scenario scenario, Outcome real, List<String> designNames, long maxStates) {
    return check(scenario, real, designNames, maxStates, AllowedOutcomesCache.NONE);
  }

  /** As above, exploring each (scenario, design, hierarchy) once through {@code cache}. */
  public static List<Verdict> check(Scenario scenario, Outcome real, List<String> designNames, long maxStates,
      AllowedOutcomesCache cache) {
    ModelScenario ms;
    try {
      ms = ModelScenarios.from(scenario, real.cgroupVersion());
    } catch (RuntimeException e) {
      return designNames.stream().map(name -> guarded(name, () -> {
        throw e;
      })).toList();
    }
    List<Verdict> out = new ArrayList<>();
    for (String name : designNames) out.add(guarded(name, () -> {
      MemcgModel model = Designs.create(name, ms);
      ComparedFields fields = ComparedFields.of(model.facts(), ms, real.cgroupVersion());
      if (!fields.any()) return notComparable(name, fields);
      return verdict(cache.allowed(scenario, real.cgroupVersion(), model, maxStates), real);
    }));
    return out;
  }

  public static Verdict check(MemcgModel model, Outcome real, long maxStates) {
    return guarded(model.name(), () -> {
      ComparedFields fields = ComparedFields.of(model.facts(), model.scenario(), real.cgroupVersion());
      if (!fields.any()) return notComparable(model.name(), fields);
      return verdict(AllowedOutcomes.explore(model, maxStates), real);
    });
  }

  /**
   * One design's verdict, or {@code error} with the exception's class and message when building
   * or exploring it throws (a model bug must cost that design's verdict, not the run).
   */
  static Verdict guarded(String design, java.util.function.Supplier<Verdict> judge) {
    try {
      return judge.get();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String where = e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "";
      return Verdict.error(design, e.getClass().getSimpleName() + ": " + e.getMessage() + where);
    }
  }

  private static Verdict notComparable(String design, ComparedFields fields) {
    return new Verdict(design, VerdictKind.NOT_COMPARABLE, 0, 0, List.of(), List.of(), List.of(),
        fields.reason().orElse(null));
  }

  public static Verdict verdict(AllowedOutcomes allowed, Outcome real) {
    MemcgModel model = allowed.model();
    String design = model.name();
    ComparedFields fields = ComparedFields.of(model.facts(), model.scenario(), real.cgroupVersion());
    if (!fields.any()) return notComparable(design, fields);
    AllowedOutcomes.Entry best = null;
    List<Difference> bestDiff = null;
    for (AllowedOutcomes.Entry e : allowed.entries()) {
      List<Difference> d = OutcomeComparison.differences(real, allowed.nearest(e, real), fields);
      if (best == null || d.size() < bestDiff.size()
          || d.size() == bestDiff.size() && e.finalStates() > best.finalStates()) {
        best = e;
        bestDiff = d;
      }
    }
    long states = allowed.exploration().states();
    int n = allowed.entries().size();
    if (best == null) {
      return new Verdict(design, VerdictKind.UNKNOWN, states, 0, fields.names(), List.of(),
          List.of("no final state reached within the state bound"),
          "no final state reached; " + allowed.exploration().coverage());
    }
    VerdictKind c;
    if (bestDiff.isEmpty()) {
      c = VerdictKind.CONFORMS;
    } else if (!allowed.complete()) {
      c = VerdictKind.UNKNOWN;
    } else {
      c = VerdictKind.DIVERGES;
    }
    return new Verdict(design, c, states, n, fields.names(), bestDiff, allowed.witness(best, real),
        c == VerdictKind.UNKNOWN ? allowed.exploration().coverage() : null);
  }
}

package oomlab.agent.run;

import java.util.List;
import oomlab.model.check.Conformance;
import oomlab.model.design.Designs;

/**
 * The model's verdicts on real outcomes: the bridge from the runner to {@link Conformance}. A
 * scenario the model cannot explore (a feature it does not model) gets no verdicts rather than
 * failing the run: the real outcome stands on its own.
 */
public final class ModelVerdicts {
  private ModelVerdicts() {}

  /** The designs a run judges when none are asked for. */
  public static List<String> allDesigns() {
    return List.of("kamezawa2010", "kamezawa2010-fixed", "oomlock3x", "davydov2015", "hocko2018", "mainline6");
  }

  /** An unknown name, for exit 2 before anything runs; empty when all are known. */
  public static java.util.Optional<String> unknown(List<String> designs) {
    return designs.stream().filter(d -> !Designs.exists(d)).findFirst()
        .map(d -> "unknown design " + d + " (known: " + Designs.known() + ")");
  }

  public static SuiteRun.VerdictSource forDesigns(List<String> designs, long maxStates) {
    return (scenario, outcome) -> Conformance.check(scenario, outcome, designs, maxStates);
  }
}

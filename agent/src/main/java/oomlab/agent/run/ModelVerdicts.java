package oomlab.agent.run;

import java.util.List;

/**
 * The model's verdicts on real outcomes: the bridge from the runner to
 * {@code oomlab.model.check.Conformance}.
 */
public final class ModelVerdicts {
  /** Exploration bound per design and scenario; beyond it a verdict is {@code unknown}. */
  public static final long MAX_STATES = 200_000;

  private ModelVerdicts() {}

  /** Every design the model knows. */
  public static List<String> allDesigns() {
    return List.of();
  }

  public static SuiteRun.VerdictSource forDesigns(List<String> designs) {
    return (scenario, outcome) -> List.of();
  }
}

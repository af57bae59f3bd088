package oomlab.agent.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oomlab.model.check.AllowedOutcomesCache;
import oomlab.model.check.Conformance;
import oomlab.model.design.Designs;
import oomlab.model.outcome.Outcome;
import oomlab.model.outcome.Verdict;
import oomlab.model.scenario.Scenario;

/**
 * The model's verdicts on real outcomes: the bridge from the runner to {@link Conformance}. The
 * design of the running kernel's era leads ({@link Designs#eraOf}); the others follow as what an
 * older design would allow. Each (scenario, design, hierarchy) is explored once per run and every
 * repetition is held against that set. A design whose exploration fails gets the verdict
 * {@code error}; the run and the other designs go on.
 */
public final class ModelVerdicts {
  /** The line of a kernel release that names none (it cannot happen on Linux, but a default is a default). */
  static final String FALLBACK_ERA = "mainline-6.1";

  private ModelVerdicts() {}

  /** The era design of a kernel release ({@code uname -r}). */
  public static String eraDesign(String kernelRelease) {
    return Designs.eraOf(kernelRelease).orElse(FALLBACK_ERA);
  }

  /**
   * The designs a run judges, the era design first: with none asked, the era design and the
   * designs older than every mainline line; otherwise the asked ones, the era design put first
   * (under the name asked, e.g. {@code mainline6} for {@code mainline-6.1}) or added.
   */
  public static List<String> designsFor(String eraDesign, List<String> asked) {
    if (asked == null) return Designs.forEra(eraDesign);
    List<String> out = new ArrayList<>();
    String lead = asked.stream().filter(d -> Designs.canonical(d).equals(eraDesign)).findFirst().orElse(eraDesign);
    out.add(lead);
    for (String d : asked) if (!d.equals(lead) && !out.contains(d)) out.add(d);
    return List.copyOf(out);
  }

  /** An unknown name, for exit 2 before anything runs; empty when all are known. */
  public static Optional<String> unknown(List<String> designs) {
    return designs.stream().filter(d -> !Designs.exists(d)).findFirst()
        .map(d -> "unknown design " + d + " (known: " + Designs.known() + ")");
  }

  /** The verdicts of {@code designs} (the era design first) for one run. */
  public static SuiteRun.VerdictSource forDesigns(List<String> designs, long maxStates) {
    return forDesigns(designs, maxStates, AllowedOutcomesCache.forRun());
  }

  /** As above, exploring through {@code cache} (a test's explorer that fails for one design). */
  public static SuiteRun.VerdictSource forDesigns(List<String> designs, long maxStates, AllowedOutcomesCache cache) {
    return new SuiteRun.VerdictSource() {
      @Override
      public List<Verdict> verdicts(Scenario scenario, Outcome outcome) {
        return Conformance.check(scenario, outcome, designs, maxStates, cache);
      }

      @Override
      public String eraDesign() {
        return designs.getFirst();
      }
    };
  }
}

package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One design's judgement of a real outcome (DESIGN section 4, an element of {@code verdicts.json}).
 *
 * @param design          the design's name, e.g. {@code mainline6}
 * @param verdict         conforms | diverges | unknown
 * @param statesExplored  states the explorer visited
 * @param allowedOutcomes how many distinct outcomes the design allows for the scenario
 * @param differences     against the nearest allowed outcome; empty when it conforms
 * @param witness         the model steps reaching that nearest outcome, one line each
 */
@JsonPropertyOrder({"design", "verdict", "statesExplored", "allowedOutcomes", "differences", "witness"})
public record Verdict(String design, VerdictKind verdict, long statesExplored, long allowedOutcomes,
           List<Difference> differences, List<String> witness) {

  public Verdict {
    Objects.requireNonNull(design, "design");
    Objects.requireNonNull(verdict, "verdict");
    differences = differences == null ? List.of() : List.copyOf(differences);
    witness = witness == null ? List.of() : List.copyOf(witness);
  }

  /**
   * One field where the real outcome differs from the nearest allowed one; values are rendered
   * as their outcome.json text, e.g. {@code ["big","small"]}.
   */
  @JsonPropertyOrder({"field", "real", "allowed"})
  public record Difference(String field, String real, String allowed) {}
}

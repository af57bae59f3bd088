package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One design's judgement of a real outcome (DESIGN section 4, an element of {@code verdicts.json}).
 *
 * @param design          the design's name, e.g. {@code mainline6}
 * @param verdict         conforms | diverges | unknown | not comparable | error
 * @param statesExplored  states the explorer visited
 * @param allowedOutcomes how many distinct outcomes the design allows for the scenario
 * @param compared        the outcome fields held against the design (what its era can speak to)
 * @param differences     against the nearest allowed outcome; empty when it conforms
 * @param witness         the model steps reaching that nearest outcome, one line each
 * @param message         why the design is not comparable, or the error; absent otherwise
 */
@JsonPropertyOrder({"design", "verdict", "statesExplored", "allowedOutcomes", "compared", "differences", "witness",
    "message"})
public record Verdict(String design, VerdictKind verdict, long statesExplored, long allowedOutcomes,
           List<String> compared, List<Difference> differences, List<String> witness,
           @JsonInclude(JsonInclude.Include.NON_NULL) String message) {

  @JsonCreator
  public Verdict {
    Objects.requireNonNull(design, "design");
    Objects.requireNonNull(verdict, "verdict");
    compared = compared == null ? List.of() : List.copyOf(compared);
    differences = differences == null ? List.of() : List.copyOf(differences);
    witness = witness == null ? List.of() : List.copyOf(witness);
  }

  /** A verdict on every field (tests and old verdicts.json files). */
  public Verdict(String design, VerdictKind verdict, long statesExplored, long allowedOutcomes,
      List<Difference> differences, List<String> witness) {
    this(design, verdict, statesExplored, allowedOutcomes, List.of(), differences, witness, null);
  }

  /** The verdict of a design whose exploration threw: the run goes on without it. */
  public static Verdict error(String design, String message) {
    return new Verdict(design, VerdictKind.ERROR, 0, 0, List.of(), List.of(), List.of(), message);
  }

  /**
   * One field where the real outcome differs from the nearest allowed one; values are rendered
   * as their outcome.json text, e.g. {@code ["big","small"]}.
   */
  @JsonPropertyOrder({"field", "real", "allowed"})
  public record Difference(String field, String real, String allowed) {}
}

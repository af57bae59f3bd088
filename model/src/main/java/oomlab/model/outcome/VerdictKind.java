package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import oomlab.model.scenario.Labels;

/**
 * A design's verdict on a real outcome. {@code UNKNOWN} is the honest answer when the
 * exploration bound was hit before the allowed set was complete; {@code NOT_COMPARABLE} when the
 * design's era cannot speak to any field of the outcome (the scenario uses an interface it did not
 * have); {@code ERROR} when exploring the design failed (its message is in the verdict).
 */
public enum VerdictKind {
  CONFORMS("conforms"), DIVERGES("diverges"), UNKNOWN("unknown"), NOT_COMPARABLE("not comparable"), ERROR("error");

  private final String label;

  VerdictKind(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  @JsonCreator
  public static VerdictKind parse(String text) {
    return Labels.parse(VerdictKind.class, text, "a verdict", VerdictKind::label);
  }
}

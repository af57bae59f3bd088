package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import oomlab.model.scenario.Labels;

/**
 * A design's verdict on a real outcome. {@code UNKNOWN} is the honest answer when the
 * exploration bound was hit before the allowed set was complete.
 */
public enum VerdictKind {
  CONFORMS, DIVERGES, UNKNOWN;

  @JsonValue
  public String label() {
    return Labels.of(this);
  }

  @JsonCreator
  public static VerdictKind parse(String text) {
    return Labels.parse(VerdictKind.class, text, "a verdict");
  }
}

package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A design's verdict on a real outcome. {@code UNKNOWN} is the honest answer when the
 * exploration bound was hit before the allowed set was complete.
 */
public enum Conformance {
  CONFORMS, DIVERGES, UNKNOWN;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Conformance parse(String text) {
    for (Conformance c : values()) {
      if (c.label().equals(text)) return c;
    }
    throw new IllegalArgumentException("\"" + text + "\" is not a verdict (conforms | diverges | unknown)");
  }
}

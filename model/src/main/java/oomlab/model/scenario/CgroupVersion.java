package oomlab.model.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A memory-cgroup hierarchy version: v1 (memory controller mount) or v2 (cgroup2 unified). */
public enum CgroupVersion {
  V1, V2;

  /** The lowercase label used in YAML, JSON and on the command line: {@code v1} or {@code v2}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code v1} or {@code v2}; anything else is an {@link IllegalArgumentException}. */
  @JsonCreator
  public static CgroupVersion parse(String text) {
    for (CgroupVersion v : values()) {
      if (v.label().equals(text)) return v;
    }
    throw new IllegalArgumentException("\"" + text + "\" is not a cgroup version (v1 | v2)");
  }

  @Override
  public String toString() {
    return label();
  }
}

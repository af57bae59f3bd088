package oomlab.model.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A memory-cgroup hierarchy version: v1 (memory controller mount) or v2 (cgroup2 unified). */
public enum CgroupVersion {
  V1, V2;

  /** The lowercase label used in YAML, JSON and on the command line: {@code v1} or {@code v2}. */
  @JsonValue
  public String label() {
    return Labels.of(this);
  }

  /** Parses {@code v1} or {@code v2}; anything else is an {@link IllegalArgumentException}. */
  @JsonCreator
  public static CgroupVersion parse(String text) {
    return Labels.parse(CgroupVersion.class, text, "a cgroup version");
  }

  @Override
  public String toString() {
    return label();
  }
}

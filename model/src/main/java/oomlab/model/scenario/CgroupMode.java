package oomlab.model.scenario;

/**
 * The scenario's {@code cgroup:} key: on which hierarchies the scenario makes sense. {@code any}
 * runs on both; {@code v1}/{@code v2} are refused on the other one (exit 2), never adapted.
 */
public enum CgroupMode {
  ANY, V1, V2;

  public String label() {
    return Labels.of(this);
  }

  public boolean allows(CgroupVersion version) {
    return this == ANY || label().equals(version.label());
  }

  static CgroupMode parse(String text) {
    return Labels.parse(CgroupMode.class, text, "a cgroup mode");
  }
}

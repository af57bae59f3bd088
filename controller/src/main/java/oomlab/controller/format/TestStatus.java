package oomlab.controller.format;

/**
 * What became of a test, in KCIDB's words and priority order (highest first): {@code FAIL} the
 * scenario ran and an {@code expect:} did not hold; {@code ERROR} it did not finish (set-up failed,
 * timeout, a guest that ended without results), so the kernel's behaviour is unknown; {@code PASS};
 * {@code SKIP} not run: the scenario is for the other hierarchy, refused for this environment, or
 * the cell cannot exist (no v1 memory controller).
 */
public enum TestStatus {
  FAIL, ERROR, PASS, SKIP;

  /** The status of a collection: the highest-priority one of its members (SKIP for none). */
  public TestStatus worse(TestStatus other) {
    return ordinal() <= other.ordinal() ? this : other;
  }

  public boolean ok() {
    return this == PASS || this == SKIP;
  }
}

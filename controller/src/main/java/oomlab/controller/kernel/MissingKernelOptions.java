package oomlab.controller.kernel;

import java.util.List;

/** A kernel whose config lacks options every guest needs: refused before it is copied or booted. */
public final class MissingKernelOptions extends RuntimeException {
  private final List<String> missing;

  public MissingKernelOptions(String release, String configSource, List<String> missing) {
    super("kernel " + release + " lacks " + String.join(", ", missing) + " (config: " + configSource + ")");
    this.missing = List.copyOf(missing);
  }

  public List<String> missing() {
    return missing;
  }
}

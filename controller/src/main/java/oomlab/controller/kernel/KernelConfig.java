package oomlab.controller.kernel;

import java.util.HashMap;
import java.util.Map;

/** The kernel's build configuration ({@code config-RELEASE}), for what a guest can offer. */
public record KernelConfig(Map<String, String> options) {

  public static KernelConfig parse(String text) {
    Map<String, String> options = new HashMap<>();
    for (String line : text.split("\\n")) {
      if (line.startsWith("CONFIG_")) {
        int eq = line.indexOf('=');
        options.put(line.substring(0, eq), line.substring(eq + 1));
      } else if (line.startsWith("# CONFIG_") && line.endsWith(" is not set")) {
        options.put(line.substring(2, line.length() - " is not set".length()), "n");
      }
    }
    return new KernelConfig(options);
  }

  public String get(String option) {
    return options.getOrDefault(option, "n");
  }

  /**
   * Whether the cgroup v1 memory controller exists. Since 6.11 it is behind CONFIG_MEMCG_V1
   * (Debian 7.2 leaves it unset); before, every CONFIG_MEMCG kernel had it.
   */
  public boolean memcgV1() {
    if (options.containsKey("CONFIG_MEMCG_V1")) {
      return get("CONFIG_MEMCG_V1").equals("y");
    }
    return get("CONFIG_MEMCG").equals("y");
  }
}

package oomlab.controller.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The kernel config options a guest needs ({@code vm-images/kernel-requirements}), checked before
 * a boot so that a kernel lacking one is refused at once with the list of what it lacks.
 */
public final class KernelRequirements {
  static final String TABLE = "/vm-images/kernel-requirements";

  /** One line of the table: {@code when} is always, v1 (--cgroup v1) or psi (PSI listeners). */
  public record Requirement(String option, Set<String> accepted, String when, String why) {
    boolean met(KernelConfig config) {
      // Before 6.11 there is no CONFIG_MEMCG_V1: every memcg kernel has the v1 controller.
      return option.equals("CONFIG_MEMCG_V1") ? config.memcgV1() : accepted.contains(config.get(option));
    }
  }

  private final List<Requirement> table;

  private KernelRequirements(List<Requirement> table) {
    this.table = List.copyOf(table);
  }

  public static KernelRequirements standard() {
    try (InputStream in = KernelRequirements.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TABLE + " (is vm-images/ packaged?)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KernelRequirements parse(String text) {
    List<Requirement> table = new ArrayList<>();
    for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
      String[] f = line.split("\\s+", 4);
      table.add(new Requirement(f[0], Set.of(f[1].split(",")), f[2], f[3]));
    }
    return new KernelRequirements(table);
  }

  /**
   * The options {@code config} lacks for a guest on {@code cgroup} ("v1" or "v2"), each as
   * {@code CONFIG_X (why)}; empty when it can boot. A needed driver built as a module also needs
   * CONFIG_MODULES.
   */
  public List<String> missing(KernelConfig config, String cgroup, boolean psi) {
    List<String> missing = new ArrayList<>();
    boolean modular = false;
    for (Requirement r : table) {
      boolean applies = r.when.equals("always") || r.when.equals(cgroup) || (r.when.equals("psi") && psi);
      if (!applies) {
        continue;
      }
      if (!r.met(config)) {
        missing.add(r.option + " (" + r.why + ")");
      } else if (config.get(r.option).equals("m")) {
        modular = true;
      }
    }
    if (modular && !config.get("CONFIG_MODULES").equals("y")) {
      missing.add("CONFIG_MODULES (the needed drivers built as modules are loaded by insmod)");
    }
    return missing;
  }
}

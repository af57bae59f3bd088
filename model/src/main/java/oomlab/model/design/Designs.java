package oomlab.model.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oomlab.model.explore.ModelScenario;

/**
 * The designs the model knows, by the names {@code --design} and verdicts use, each built from its
 * {@link DesignFacts}. The mainline lines are one design ({@link ChargePathOom}) with the facts of
 * each era ({@link ChargePathEras}); {@code mainline6} is the working name of
 * {@code mainline-6.1}.
 */
public final class Designs {
  private record Entry(DesignFacts facts, BiFunction<ModelScenario, DesignFacts, MemcgModel> build) {}

  private static final Map<String, Entry> DESIGNS = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES = Map.of("mainline6", "mainline-6.1");
  private static final Pattern RELEASE = Pattern.compile("^(\\d{1,4})\\.(\\d{1,4})");

  static {
    add(Kamezawa2010.FACTS, Kamezawa2010::new);
    add(Kamezawa2010.FIXED, Kamezawa2010::new);
    add(OomLock3x.FACTS, OomLock3x::new);
    add(Davydov2015.FACTS, Davydov2015::new);
    add(ChargePathEras.HOCKO_2018, ChargePathOom::new);
    add(ChargePathEras.MAINLINE_5_10, ChargePathOom::new);
    add(ChargePathEras.MAINLINE_6_1, ChargePathOom::new);
    add(ChargePathEras.MAINLINE_6_12, ChargePathOom::new);
    add(ChargePathEras.MAINLINE_7_2, ChargePathOom::new);
  }

  private static void add(DesignFacts facts, BiFunction<ModelScenario, DesignFacts, MemcgModel> build) {
    DESIGNS.put(facts.name(), new Entry(facts, build));
  }

  private Designs() {}

  /** Every design, oldest first (aliases not included). */
  public static List<String> names() {
    return List.copyOf(DESIGNS.keySet());
  }

  /** The known names for an error message: every design, then the aliases. */
  public static String known() {
    StringBuilder b = new StringBuilder(String.join(", ", names()));
    ALIASES.forEach((alias, target) -> b.append(", ").append(alias).append(" (= ").append(target).append(')'));
    return b.toString();
  }

  /** Whether {@code name} is a design or an alias of one. */
  public static boolean exists(String name) {
    return DESIGNS.containsKey(name) || ALIASES.containsKey(name);
  }

  /** The facts of a design (an alias keeps its own name); IllegalArgumentException if unknown. */
  public static DesignFacts facts(String name) {
    String target = ALIASES.get(name);
    if (target != null) return entry(target).facts().named(name);
    return entry(name).facts();
  }

  /** The design bound to a scenario; IllegalArgumentException naming the known ones if unknown. */
  public static MemcgModel create(String name, ModelScenario scenario) {
    DesignFacts facts = facts(name);
    return entry(ALIASES.getOrDefault(name, name)).build().apply(scenario, facts);
  }

  /** The design an alias stands for, or the name itself. */
  public static String canonical(String name) {
    return ALIASES.getOrDefault(name, name);
  }

  /**
   * The era design of a kernel release ({@code uname -r}, e.g. {@code 6.1.0-50-amd64},
   * {@code 6.18.9}): the design of the nearest mainline line at or below it; the oldest line for
   * a release older than every line; empty for a release that does not start with
   * {@code major.minor}.
   */
  public static Optional<String> eraOf(String release) {
    Matcher m = RELEASE.matcher(release == null ? "" : release.strip());
    if (!m.find()) return Optional.empty();
    long wanted = version(m.group(1), m.group(2));
    String best = null;
    long bestVersion = -1;
    String oldest = null;
    long oldestVersion = Long.MAX_VALUE;
    for (Entry e : DESIGNS.values()) {
      Optional<String> line = e.facts().line();
      if (line.isEmpty()) continue;
      String[] p = line.get().split("\\.");
      long v = version(p[0], p[1]);
      if (v <= wanted && v > bestVersion) {
        best = e.facts().name();
        bestVersion = v;
      }
      if (v < oldestVersion) {
        oldest = e.facts().name();
        oldestVersion = v;
      }
    }
    return Optional.ofNullable(best != null ? best : oldest);
  }

  /**
   * The designs a run judges by default: the era design first, then the designs that are no
   * mainline line (hocko2018 back to kamezawa2010), as what an older design would allow.
   */
  public static List<String> forEra(String eraDesign) {
    List<String> out = new ArrayList<>();
    out.add(eraDesign);
    List<String> older = new ArrayList<>();
    for (Entry e : DESIGNS.values()) {
      String n = e.facts().name();
      if (!n.startsWith("mainline-") && !n.equals(eraDesign)) older.add(0, n);
    }
    out.addAll(older);
    return List.copyOf(out);
  }

  private static long version(String major, String minor) {
    return Long.parseLong(major) * 1000 + Long.parseLong(minor);
  }

  private static Entry entry(String name) {
    Entry e = DESIGNS.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown design " + name + " (known: " + known() + ")");
    }
    return e;
  }
}

package oomlab.model.design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import oomlab.model.explore.ModelScenario;

/** The designs the model knows, by the names {@code --design} and verdicts use. */
public final class Designs {
  private static final Map<String, Function<ModelScenario, MemcgModel>> DESIGNS = new LinkedHashMap<>();

  static {
    DESIGNS.put("kamezawa2010", Kamezawa2010::new);
    DESIGNS.put("kamezawa2010-fixed", Kamezawa2010Fixed::new);
    DESIGNS.put("oomlock3x", OomLock3x::new);
    DESIGNS.put("davydov2015", Davydov2015::new);
    DESIGNS.put("hocko2018", Hocko2018::new);
    DESIGNS.put("mainline6", Mainline6::new);
  }

  private Designs() {}

  public static List<String> names() {
    return List.copyOf(DESIGNS.keySet());
  }

  public static boolean exists(String name) {
    return DESIGNS.containsKey(name);
  }

  /** The design bound to a scenario; IllegalArgumentException naming the known ones if unknown. */
  public static MemcgModel create(String name, ModelScenario scenario) {
    var f = DESIGNS.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown design " + name + " (known: " + String.join(", ", names()) + ")");
    }
    return f.apply(scenario);
  }
}

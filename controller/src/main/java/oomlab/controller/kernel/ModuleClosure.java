package oomlab.controller.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The modules a set of root modules needs, in an order insmod can load them (dependencies first),
 * following each module's {@code depends=}. Built-in modules (listed in {@code modules.builtin})
 * need no loading and are skipped, as are their dependencies' built-in parts.
 */
public final class ModuleClosure {
  private ModuleClosure() {}

  /**
   * @param depends the depends= list of a module that exists as a file
   * @param available whether a module exists as a loadable file
   * @param builtin whether a module is built into the kernel
   */
  public static List<String> loadOrder(List<String> roots, Function<String, List<String>> depends,
      Function<String, Boolean> available, Function<String, Boolean> builtin) {
    Set<String> done = new LinkedHashSet<>();
    for (String root : roots) {
      visit(normalize(root), depends, available, builtin, done, new ArrayList<>());
    }
    return List.copyOf(done);
  }

  private static void visit(String module, Function<String, List<String>> depends, Function<String, Boolean> available,
      Function<String, Boolean> builtin, Set<String> done, List<String> path) {
    if (done.contains(module) || builtin.apply(module)) {
      return;
    }
    if (path.contains(module)) {
      throw new IllegalStateException("module dependency cycle: " + String.join(" -> ", path) + " -> " + module);
    }
    if (!available.apply(module)) {
      throw new IllegalStateException("module " + module + " is neither built in nor present"
          + (path.isEmpty() ? "" : " (needed by " + path.getLast() + ")"));
    }
    path.add(module);
    for (String dep : depends.apply(module)) {
      visit(normalize(dep), depends, available, builtin, done, path);
    }
    path.removeLast();
    done.add(module);
  }

  /** The kernel treats '-' and '_' in module names alike; file names use either. */
  public static String normalize(String name) {
    return name.replace('-', '_');
  }
}

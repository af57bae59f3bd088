package oomlab.controller.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The modules a set of root modules needs, in an order insmod can load them (dependencies first),
 * following each module's {@code depends=}; a root written {@code name?} is left out where the
 * kernel has no such module. Built-in modules (listed in {@code modules.builtin})
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
      // "name?" is a root only where the kernel has it (a driver some kernels need, others lack).
      boolean optional = root.endsWith("?");
      String name = normalize(optional ? root.substring(0, root.length() - 1) : root);
      if (optional && !available.apply(name) && !builtin.apply(name)) {
        continue;
      }
      visit(name, depends, available, builtin, done, new ArrayList<>());
    }
    return List.copyOf(done);
  }

  /**
   * {@code order} (a {@link #loadOrder}) in levels: a module's level is one past its deepest
   * dependency's, so the modules of one level need only those of the levels before and can be
   * loaded at the same time (the guest's init runs each level's insmods in parallel).
   */
  public static List<List<String>> levels(List<String> order, Function<String, List<String>> depends) {
    Map<String, Integer> level = new HashMap<>();
    List<List<String>> levels = new ArrayList<>();
    for (String module : order) {
      int l = 0;
      for (String dep : depends.apply(module)) {
        Integer d = level.get(normalize(dep));
        if (d != null) { // a built-in dependency has no level: nothing to wait for
          l = Math.max(l, d + 1);
        }
      }
      level.put(module, l);
      if (l == levels.size()) {
        levels.add(new ArrayList<>());
      }
      levels.get(l).add(module);
    }
    return levels.stream().map(List::copyOf).toList();
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

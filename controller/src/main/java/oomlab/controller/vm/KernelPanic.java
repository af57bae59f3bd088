package oomlab.controller.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a kernel panic in a guest console: the {@code Kernel panic - not syncing} line with the
 * lines before it that say why (the oops or the call trace, up to {@code CONTEXT} lines) and those
 * after it up to the {@code ---[ end Kernel panic} marker.
 */
public final class KernelPanic {
  static final int CONTEXT = 12;

  private KernelPanic() {}

  /** The panic's lines, or an empty list when the console shows no panic. */
  public static List<String> lines(String console) {
    List<String> all = console.replace("\r", "").lines().toList();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).contains("Kernel panic - not syncing")) {
        List<String> out = new ArrayList<>(all.subList(Math.max(0, i - CONTEXT), i + 1));
        for (int j = i + 1; j < all.size() && j <= i + CONTEXT; j++) {
          out.add(all.get(j));
          if (all.get(j).contains("---[ end Kernel panic")) {
            break;
          }
        }
        return out;
      }
    }
    return List.of();
  }
}

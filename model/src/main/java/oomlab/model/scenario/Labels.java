package oomlab.model.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lowercase spellings of oomlab's enums in YAML and JSON ({@code v1}, {@code touch},
 * {@code conforms}), and their parsing with one message shape for all:
 * {@code "v3" is not a cgroup version (v1 | v2)}.
 */
public final class Labels {
  private Labels() {}

  /** The enum constant's name in lower case. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** Parses a lowercase name; {@code what} names the kind in the error, e.g. "a cgroup version". */
  public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
    return parse(type, text, what, Labels::of);
  }

  /** Parses a label given by {@code label}; the error lists every label. */
  public static <E extends Enum<E>> E parse(Class<E> type, String text, String what, Function<E, String> label) {
    E[] values = type.getEnumConstants();
    for (E e : values) {
      if (label.apply(e).equals(text)) return e;
    }
    throw new IllegalArgumentException("\"" + text + "\" is not " + what + " ("
        + Arrays.stream(values).map(label).collect(Collectors.joining(" | ")) + ")");
  }
}

package oomlab.model.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as scenarios write them: plain bytes ({@code 4096}) or a binary K/M/G suffix
 * ({@code 32M} = 32 MiB). Upper case only, no fractions, no spaces: one spelling per value keeps
 * scenario files greppable.
 */
public final class Size {
  public static final long K = 1L << 10;
  public static final long M = 1L << 20;
  public static final long G = 1L << 30;
  public static final long T = 1L << 40;

  /** Largest size a scenario may name anywhere (limits, allocations, steps): 1T. */
  public static final long MAX = T;

  private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})([KMG]?)");

  private Size() {}

  /**
   * Parses a size into bytes (>= 0, <= {@link #MAX}). The exception message is the problem
   * alone, quoting the input, e.g. {@code "48Q" is not a size (bytes, or K/M/G suffix)}.
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(quote(text) + " is not a size (bytes, or K/M/G suffix)");
    }
    long unit = switch (m.group(2)) {
      case "K" -> K;
      case "M" -> M;
      case "G" -> G;
      default -> 1;
    };
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw tooLarge(text);
    }
    if (bytes > MAX) throw tooLarge(text);
    return bytes;
  }

  /** The shortest exact spelling: {@code 32M}, {@code 1536K}, {@code 1000}. */
  public static String format(long bytes) {
    if (bytes != 0) {
      if (bytes % G == 0) return bytes / G + "G";
      if (bytes % M == 0) return bytes / M + "M";
      if (bytes % K == 0) return bytes / K + "K";
    }
    return Long.toString(bytes);
  }

  private static IllegalArgumentException tooLarge(String text) {
    return new IllegalArgumentException(quote(text) + " is too large (at most 1024G)");
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }
}

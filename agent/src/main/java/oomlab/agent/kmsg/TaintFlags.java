package oomlab.agent.kmsg;

/**
 * The bits of {@code /proc/sys/kernel/tainted} as the letters the kernel prints them with
 * ({@code taint_flags[]} in kernel/panic.c, 6.1 to 7.x; bit 0 is 'P' set, 'G' clear, and is
 * shown only when set).
 */
public final class TaintFlags {
  private static final String LETTERS = "PFSRMBUDAWCIOELKXTNJ";

  private TaintFlags() {}

  /** The letters of the bits set in {@code mask}, in bit order; an unknown bit as {@code ?N}. */
  public static String letters(long mask) {
    StringBuilder s = new StringBuilder();
    for (int bit = 0; bit < 64; bit++) {
      if ((mask & (1L << bit)) != 0) {
        s.append(bit < LETTERS.length() ? String.valueOf(LETTERS.charAt(bit)) : "?" + bit);
      }
    }
    return s.toString();
  }
}

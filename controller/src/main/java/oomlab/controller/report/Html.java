package oomlab.controller.report;

import java.util.Locale;

/**
 * Text for the report's XHTML: escaping and the few number formats it prints. The report must parse
 * as XML (a DOM parser reads it in tests, a browser renders it), so every character a user or the
 * kernel chose (task names, memcg paths, errors) goes through {@link #escape}.
 */
final class Html {
  private Html() {}

  /** Escapes {@code & < > " '}; control characters other than tab and newline become U+FFFD (not XML). */
  static String escape(String text) {
    if (text == null) return "";
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c < 0x20 && c != '\t' && c != '\n' ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  /** Bytes as MiB with one decimal ({@code 32.0 MiB}), or KiB below 1 MiB. */
  static String bytes(long bytes) {
    if (Math.abs(bytes) < 1024 * 1024) return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  /** Nanoseconds as milliseconds with one decimal. */
  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /** A coordinate in SVG user units, one decimal, no locale surprises. */
  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}

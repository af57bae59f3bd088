package oomlab.model.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenarios and the CLI write them: {@code 500ms}, {@code 2s}, {@code 1m}. */
public final class Durations {
  /** Longest duration accepted: one hour. A scenario that needs longer is not an OOM experiment. */
  public static final Duration MAX = Duration.ofHours(1);

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");

  private Durations() {}

  /** Parses a positive duration; the exception message is the problem alone, quoting the input. */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          Size.quote(text) + " is not a duration (a number with ms, s or m, e.g. 500ms, 2s)");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
    if (d.isZero()) throw new IllegalArgumentException(Size.quote(text) + " must be more than zero");
    if (d.compareTo(MAX) > 0) throw new IllegalArgumentException(Size.quote(text) + " is longer than 1h");
    return d;
  }

  /** The shortest exact spelling, the inverse of {@link #parse}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}

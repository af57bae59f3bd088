package oomlab.model.scenario;

/**
 * When a task starts allocating, if not at the common start. The only form is
 * {@code after <task> <size>}: start once {@code task} has reported at least {@code allocated}
 * bytes. (If that task dies or blocks first, the runner starts the waiting task at that point:
 * a condition that can no longer come true must not hang the run.)
 */
public record StartCondition(String afterTask, long allocated) {

  private static final java.util.regex.Pattern AFTER = java.util.regex.Pattern.compile("after (\\S+) (\\S+)");

  /** Parses {@code after <task> <size>}; the task name is checked by the loader, against the scenario. */
  public static StartCondition parse(String text) {
    var m = AFTER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a start condition (after <task> <size>)");
    }
    return new StartCondition(m.group(1), Size.parse(m.group(2)));
  }

  /** The YAML spelling, e.g. {@code after big 16M}. */
  @Override
  public String toString() {
    return "after " + afterTask + " " + Size.format(allocated);
  }
}

package oomlab.model.scenario;

/**
 * A scenario or suite is bad input. The message is always one line,
 * {@code FILE: FIELD: PROBLEM}, ready to print before exiting 2.
 */
public final class ScenarioException extends Exception {
  private final String file;
  private final String field;
  private final String problem;

  public ScenarioException(String file, String field, String problem) {
    super(file + ": " + field + ": " + problem);
    this.file = file;
    this.field = field;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** The dotted field path, e.g. {@code tasks.big.allocate}, {@code handlers[0].do}. */
  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}

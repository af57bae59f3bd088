package oomlab.controller.report;

/** The directory given to {@code oomlab report} is not a results directory, or its files do not read; one line. */
public final class ReportInputException extends Exception {
  public ReportInputException(String message) {
    super(message);
  }

  public ReportInputException(String message, Throwable cause) {
    super(message, cause);
  }
}

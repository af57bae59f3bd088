package oomlab.controller.vm;

/** A guest could not be set up or run; {@code exitCode} is the oomlab exit code to end with (3 = environment). */
public final class GuestException extends RuntimeException {
  private final int exitCode;

  public GuestException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

package oomlab.controller.matrix;

import java.util.List;

/** A matrix's exit code from its cells': panic and timeout outrank an environment failure, which outranks a failed expectation. */
public final class MatrixExit {
  // 6 (the kernel reported a problem about itself) above a failed expectation, below the failures to run.
  private static final List<Integer> ORDER = List.of(0, 1, 6, 2, 3, 5, 4);

  private MatrixExit() {}

  public static int worse(int a, int b) {
    return ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
  }

  public static int of(List<MatrixCell> cells) {
    int exit = 0;
    for (MatrixCell c : cells) if (c.skipped() == null && c.exitCode() >= 0) exit = worse(exit, c.exitCode());
    return exit;
  }
}

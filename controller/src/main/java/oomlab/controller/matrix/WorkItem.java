package oomlab.controller.matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of a matrix's work: a repetition of a scenario on a cell. The matrix's list of them is
 * in matrix order (cells as --kernels and --cgroup list them, scenarios as loaded, repetitions 1 to
 * N); cells that cannot run have none.
 *
 * @param cell the cell's index in the matrix
 */
public record WorkItem(int cell, String scenario, int repetition) {
  public static List<WorkItem> of(List<MatrixCell> cells, List<String> scenarios, int repeat) {
    List<WorkItem> items = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      if (cells.get(c).skipped() != null) continue;
      for (String s : scenarios) {
        for (int k = 1; k <= repeat; k++) items.add(new WorkItem(c, s, k));
      }
    }
    return items;
  }

  /** As {@code oomlab run} selects it: {@code SCENARIO#K}. */
  public String select() {
    return scenario + "#" + repetition;
  }
}

package oomlab.controller.matrix;

import java.nio.file.Path;

/**
 * One column of a matrix: a target ({@code local} or a kernel line for {@code vm:KERNEL}) with a
 * cgroup version, where its results go, and how it ended. {@code skipped} holds why a cell that
 * makes no sense (no v1 memory controller in Debian 6.12 and later) was not run.
 */
public record MatrixCell(String kernel, String cgroup, Path out, int exitCode, String skipped) {

  public String target() {
    return kernel.equals("local") ? "local" : "vm:" + kernel;
  }

  public String label() {
    return kernel + " " + cgroup;
  }

  public String dirName() {
    return kernel + "-" + cgroup;
  }

  public MatrixCell ran(int code) {
    return new MatrixCell(kernel, cgroup, out, code, null);
  }

  public MatrixCell skip(String why) {
    return new MatrixCell(kernel, cgroup, out, -1, why);
  }
}

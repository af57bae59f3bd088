package oomlab.controller.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The running kernel's release ({@code uname -r}), which every benchmark prints beside its figures. */
final class KernelName {
  private KernelName() {}

  static String release() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}

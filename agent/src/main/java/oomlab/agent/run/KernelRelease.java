package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The running kernel's release ({@code uname -r}), as every trace and outcome names it. */
public final class KernelRelease {
  private KernelRelease() {}

  public static String current() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }
}

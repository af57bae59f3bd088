package oomlab.agent.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import oomlab.agent.io.KernelFile;

/** {@code /proc/meminfo}'s {@code MemAvailable}: what the kernel estimates can be allocated without swapping. */
public final class MemInfo {
  private MemInfo() {}

  /** MemAvailable in bytes from meminfo text; empty if the line is missing (kernels before 3.14). */
  public static OptionalLong available(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (!line.startsWith("MemAvailable:")) continue;
      String[] words = line.substring("MemAvailable:".length()).trim().split("\\s+");
      try {
        return OptionalLong.of(Long.parseLong(words[0]) * 1024);
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** This machine's MemAvailable now; empty when it cannot be read. */
  public static OptionalLong availableNow() {
    try {
      return available(KernelFile.read(Path.of("/proc/meminfo")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}

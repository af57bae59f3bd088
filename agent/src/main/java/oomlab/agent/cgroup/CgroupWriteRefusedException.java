package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The agent refused to create or write a cgroup path: it is not below the agent's root, it is the
 * cgroup the agent itself runs in, or a scenario path tried to leave its run directory. Nothing was
 * written. One line, naming the path and the reason.
 */
public final class CgroupWriteRefusedException extends IOException {
  private final Path path;

  public CgroupWriteRefusedException(Path path, String reason) {
    super("refusing to write " + path + ": " + reason);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}

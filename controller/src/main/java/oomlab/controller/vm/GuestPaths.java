package oomlab.controller.vm;

import java.nio.file.Path;

/**
 * Which host paths the guest sees: all of the host root (its /tmp through an overlay), except
 * where the init mounts its own file systems.
 */
final class GuestPaths {
  private GuestPaths() {}

  static boolean hiddenInGuest(Path absolute) {
    return absolute.startsWith("/dev") || absolute.startsWith("/proc") || absolute.startsWith("/sys");
  }
}

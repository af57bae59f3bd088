package oomlab.controller.vm;

import java.nio.file.Path;

/**
 * {@code --modules ROOT} and {@code --kconfig FILE}: what goes with {@code --target vm:IMAGE}
 * when the image file alone does not say where its modules and config are. Host-side only.
 *
 * @param modules an INSTALL_MOD_PATH root, or null
 * @param kconfig the kernel's .config, or null
 */
public record KernelFiles(Path modules, Path kconfig) {
  public static final KernelFiles NONE = new KernelFiles(null, null);

  public boolean given() {
    return modules != null || kconfig != null;
  }
}

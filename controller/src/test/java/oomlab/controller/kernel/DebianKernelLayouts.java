package oomlab.controller.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cached Debian kernel (what {@code oomlab kernels fetch} keeps) laid out again in the three
 * forms {@code --target vm:PATH} takes, with symbolic links instead of copies where a file stays
 * as it is: an INSTALL_MOD_PATH root beside the image, a build tree after make, and a kernel .deb.
 */
public final class DebianKernelLayouts {
  private DebianKernelLayouts() {}

  /** {@code root/lib/modules/RELEASE/kernel/*.ko}, {@code modules.builtin}, {@code root/boot/config-RELEASE}. */
  public static Path installModPath(CachedKernel k, Path root) throws IOException {
    Path modules = root.resolve("lib/modules").resolve(k.release());
    Files.createDirectories(modules.resolve("kernel/drivers"));
    for (Path ko : kos(k)) {
      Files.createSymbolicLink(modules.resolve("kernel/drivers").resolve(ko.getFileName()), ko);
    }
    Files.copy(k.modulesDir().resolve("modules.builtin"), modules.resolve("modules.builtin"));
    Files.createDirectories(root.resolve("boot"));
    Files.createSymbolicLink(root.resolve("boot/config-" + k.release()), k.dir().resolve("config"));
    return root;
  }

  /** A tree as after make: arch/x86/boot/bzImage, .config, kernel.release, modules beside their "sources", modules.order/builtin. */
  public static Path buildTree(CachedKernel k, Path tree) throws IOException {
    Files.createDirectories(tree.resolve("arch/x86/boot"));
    Files.createSymbolicLink(tree.resolve("arch/x86/boot/bzImage"), k.vmlinuz());
    Files.copy(k.dir().resolve("config"), tree.resolve(".config"));
    Files.createDirectories(tree.resolve("include/config"));
    Files.writeString(tree.resolve("include/config/kernel.release"), k.release() + "\n");
    List<String> order = new ArrayList<>();
    for (Path ko : kos(k)) {
      String name = ko.getFileName().toString();
      Path dir = tree.resolve("drivers").resolve(name.substring(0, name.length() - 3));
      Files.createDirectories(dir);
      Files.createSymbolicLink(dir.resolve(name), ko);
      order.add("drivers/" + name.substring(0, name.length() - 3) + "/" + name.substring(0, name.length() - 3) + ".o");
    }
    Files.write(tree.resolve("modules.order"), order);
    Files.copy(k.modulesDir().resolve("modules.builtin"), tree.resolve("modules.builtin"));
    return tree;
  }

  /** A linux-image .deb (uncompressed, built with dpkg-deb -b) holding boot/vmlinuz, boot/config and lib/modules. */
  public static Path deb(CachedKernel k, Path work) throws IOException {
    Path root = work.resolve("pkg");
    Path modules = root.resolve("lib/modules").resolve(k.release()).resolve("kernel/drivers");
    Files.createDirectories(modules);
    for (Path ko : kos(k)) {
      Files.copy(ko, modules.resolve(ko.getFileName()));
    }
    Files.copy(k.modulesDir().resolve("modules.builtin"), modules.getParent().getParent().resolve("modules.builtin"));
    Files.createDirectories(root.resolve("boot"));
    Files.copy(k.vmlinuz(), root.resolve("boot/vmlinuz-" + k.release()));
    Files.copy(k.dir().resolve("config"), root.resolve("boot/config-" + k.release()));
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(root.resolve("DEBIAN/control"), "Package: linux-image-" + k.release() + "-test\nVersion: 1\n"
        + "Architecture: amd64\nMaintainer: oomlab tests <oomlab@localhost>\nDescription: test layout of " + k.release() + "\n");
    Path deb = work.resolve("linux-image-" + k.release() + "_1_amd64.deb");
    ExternalCommand.run(work, List.of("dpkg-deb", "--root-owner-group", "-Znone", "-b", root.toString(), deb.toString()));
    return deb;
  }

  private static List<Path> kos(CachedKernel k) throws IOException {
    try (Stream<Path> s = Files.list(k.modulesDir())) {
      return s.filter(p -> p.toString().endsWith(".ko")).sorted().toList();
    }
  }
}

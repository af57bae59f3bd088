package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oomlab.controller.vm.GuestRequirement;
import oomlab.controller.vm.Initramfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's 6.1 laid out as each form of {@code vm:PATH}, resolved into a private cache. */
class PathKernelTest {
  static CachedKernel debian;

  @BeforeAll
  static void kernel() {
    debian = GuestRequirement.kernel("6.1");
  }

  static CachedKernel materialize(PathKernel k, Path cache) throws Exception {
    return k.materialize(new KernelCache(cache), "test", Initramfs.moduleRoots(), Initramfs.moduleOptions(), KernelRequirements.standard());
  }

  /** The modules the guest's own roots need (the cache may hold more: the selftests' scratch disk's). */
  static List<String> guestModules(CachedKernel k) throws Exception {
    return k.modules().loadOrder(Initramfs.moduleRoots()).stream().map(n -> n + ".ko").sorted().toList();
  }

  static List<String> moduleNames(CachedKernel k) throws Exception {
    try (var s = Files.list(k.modulesDir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ko")).sorted().toList();
    }
  }

  @Test
  void anImageWithAnInstallModPathRootNamesTheImagesReleaseAndCarriesTheModuleClosure(@TempDir Path dir) throws Exception {
    Path root = DebianKernelLayouts.installModPath(debian, dir.resolve("root"));
    CachedKernel k = materialize(new PathKernel(debian.vmlinuz(), root, null), dir.resolve("cache"));
    assertThat(k.release()).isEqualTo(debian.release());
    assertThat(moduleNames(k)).isEqualTo(guestModules(debian));
    assertThat(k.config().get("CONFIG_MEMCG")).isEqualTo("y");
    // Debian sets CONFIG_PVH: the xz payload is unpacked for the direct PVH boot.
    assertThat(k.bootImage().getFileName().toString()).isEqualTo("vmlinux");
    // Unchanged paths are laid out once.
    assertThat(materialize(new PathKernel(debian.vmlinuz(), root, null), dir.resolve("cache")).dir()).isEqualTo(k.dir());
  }

  @Test
  void aBuildTreeAndADebResolveToTheSameKernel(@TempDir Path dir) throws Exception {
    CachedKernel tree = materialize(new PathKernel(DebianKernelLayouts.buildTree(debian, dir.resolve("tree")), null, null), dir.resolve("c1"));
    CachedKernel deb = materialize(new PathKernel(DebianKernelLayouts.deb(debian, dir.resolve("deb")), null, null), dir.resolve("c2"));
    for (CachedKernel k : List.of(tree, deb)) {
      assertThat(k.release()).isEqualTo(debian.release());
      assertThat(moduleNames(k)).isEqualTo(guestModules(debian));
      assertThat(Files.mismatch(k.bootImage(), debian.bootImage())).isEqualTo(-1L);
    }
  }

  @Test
  void aConfigWithoutMemcgIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path tree = DebianKernelLayouts.buildTree(debian, dir.resolve("tree"));
    Files.writeString(tree.resolve(".config"), Files.readString(tree.resolve(".config")).replace("CONFIG_MEMCG=y", "# CONFIG_MEMCG is not set"));
    assertThatThrownBy(() -> materialize(new PathKernel(tree, null, null), dir.resolve("cache")))
        .isInstanceOf(MissingKernelOptions.class).hasMessageContaining("CONFIG_MEMCG (").hasMessageContaining(debian.release());
    assertThat(dir.resolve("cache/path")).doesNotExist();
  }

  @Test
  void anImageAloneNeedsItsDriversBuiltIn(@TempDir Path dir) throws Exception {
    // Debian builds virtio_pci as a module: with no modules root it is neither built in nor present.
    assertThatThrownBy(() -> materialize(new PathKernel(debian.vmlinuz(), null, debian.dir().resolve("config")), dir.resolve("cache")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("virtio_pci is neither built in nor present");
    // The same image with those drivers =y in its config needs no module for them.
    String builtIn = Files.readString(debian.dir().resolve("config"));
    for (String option : Initramfs.moduleOptions().values()) {
      builtIn = builtIn.replace(option + "=m", option + "=y");
    }
    Path config = Files.writeString(dir.resolve("config"), builtIn);
    CachedKernel k = materialize(new PathKernel(debian.vmlinuz(), null, config), dir.resolve("cache"));
    assertThat(moduleNames(k)).isEmpty();
  }

  @Test
  void modulesOfAnotherReleaseAreRefused(@TempDir Path dir) throws Exception {
    Path root = DebianKernelLayouts.installModPath(debian, dir.resolve("root"));
    Files.move(root.resolve("lib/modules").resolve(debian.release()), root.resolve("lib/modules/6.1.0-1-amd64"));
    assertThatThrownBy(() -> materialize(new PathKernel(debian.vmlinuz(), root, null), dir.resolve("cache")))
        .hasMessageContaining("holds modules for 6.1.0-1-amd64").hasMessageContaining(debian.release());
  }

  @Test
  void theReleaseIsReadFromTheBzImageHeaderAndFromTheVmlinuxBanner() throws Exception {
    assertThat(KernelImage.release(debian.vmlinuz())).contains(debian.release());
    assertThat(KernelImage.release(debian.dir().resolve("vmlinux"))).contains(debian.release());
  }

  @Test
  void requirementsFollowTheHierarchy() {
    KernelConfig noV1 = KernelConfig.parse("CONFIG_MEMCG=y\n# CONFIG_MEMCG_V1 is not set\n");
    List<String> v1 = KernelRequirements.standard().missing(noV1, "v1", false);
    List<String> v2 = KernelRequirements.standard().missing(noV1, "v2", false);
    assertThat(v1).anyMatch(l -> l.startsWith("CONFIG_MEMCG_V1 ("));
    assertThat(v2).noneMatch(l -> l.startsWith("CONFIG_MEMCG"));
    KernelConfig modular = KernelConfig.parse(String.join("\n", Map.of("CONFIG_VIRTIO_PCI", "m").entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    assertThat(KernelRequirements.standard().missing(modular, "v2", false)).anyMatch(l -> l.startsWith("CONFIG_MODULES ("))
        .noneMatch(l -> l.startsWith("CONFIG_VIRTIO_PCI"));
  }

  @Test
  void aConfigFarLargerThanAKernelConfigIsRefusedUnread(@TempDir Path dir) throws Exception {
    Path huge = dir.resolve("huge.config");
    try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(4L << 30); // sparse: 4 GiB that cost no disk and must cost no heap
    }
    assertThatThrownBy(() -> PathKernel.readConfig(huge))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage(huge + ": 4294967296 bytes, not a kernel config (at most 16777216)");
  }
}

package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleClosureTest {
  /** The depends= of Debian 6.1's 9p stack. */
  static final Map<String, List<String>> DEPENDS = Map.of(
      "9p", List.of("9pnet", "fscache", "netfs"), "fscache", List.of("netfs"), "netfs", List.of(),
      "9pnet", List.of(), "9pnet_virtio", List.of("virtio", "9pnet", "virtio_ring"),
      "virtio", List.of(), "virtio_ring", List.of(),
      "virtio_pci", List.of("virtio_ring", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio"),
      "virtio_pci_modern_dev", List.of(), "virtio_pci_legacy_dev", List.of());

  @Test
  void everyModuleComesAfterItsDependencies() {
    List<String> order = ModuleClosure.loadOrder(List.of("virtio_pci", "9pnet_virtio", "9p"), DEPENDS::get, DEPENDS::containsKey, m -> false);
    assertThat(order).containsExactlyInAnyOrderElementsOf(DEPENDS.keySet());
    DEPENDS.forEach((m, deps) -> deps.forEach(d -> assertThat(order.indexOf(d)).as(d + " before " + m).isLessThan(order.indexOf(m))));
  }

  @Test
  void builtInModulesAreNotLoaded() {
    // Debian 7.2 builds virtio, virtio_ring and virtio_pci into the kernel.
    Set<String> builtin = Set.of("virtio", "virtio_ring", "virtio_pci", "virtio_pci_modern_dev", "virtio_pci_legacy_dev");
    assertThat(ModuleClosure.loadOrder(List.of("virtio_pci", "9pnet_virtio"), DEPENDS::get, DEPENDS::containsKey, builtin::contains))
        .containsExactly("9pnet", "9pnet_virtio");
  }

  @Test
  void anOptionalRootIsLoadedWhereTheKernelHasItAndLeftOutElsewhere() {
    assertThat(ModuleClosure.loadOrder(List.of("9pnet?", "crc32c_generic?"), DEPENDS::get, DEPENDS::containsKey, m -> false))
        .containsExactly("9pnet");
  }

  @Test
  void aMissingModuleNamesWhoNeedsIt() {
    assertThatThrownBy(() -> ModuleClosure.loadOrder(List.of("9p"), DEPENDS::get, m -> !m.equals("netfs"), m -> false))
        .hasMessageContaining("netfs").hasMessageContaining("needed by");
  }

  @Test
  void levelsLoadEachModuleAfterEveryDependencyAndTogetherWithIndependentOnes() {
    List<String> order = ModuleClosure.loadOrder(List.of("virtio_pci", "9pnet_virtio", "9p"), DEPENDS::get, DEPENDS::containsKey, m -> false);
    List<List<String>> levels = ModuleClosure.levels(order, DEPENDS::get);

    assertThat(levels.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(order);
    assertThat(levels.getFirst()).containsExactlyInAnyOrder("netfs", "9pnet", "virtio", "virtio_ring", "virtio_pci_modern_dev",
        "virtio_pci_legacy_dev");
    assertThat(levels.get(1)).containsExactlyInAnyOrder("fscache", "9pnet_virtio", "virtio_pci");
    assertThat(levels.get(2)).containsExactly("9p");
    assertThat(levels).hasSize(3);
  }

  @Test
  void aBuiltInDependencyHoldsNothingBack() {
    Set<String> builtin = Set.of("virtio", "virtio_ring");
    List<String> order = ModuleClosure.loadOrder(List.of("9pnet_virtio"), DEPENDS::get, DEPENDS::containsKey, builtin::contains);
    assertThat(ModuleClosure.levels(order, DEPENDS::get)).containsExactly(List.of("9pnet"), List.of("9pnet_virtio"));
  }
}

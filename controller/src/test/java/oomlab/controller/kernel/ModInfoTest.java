package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On 9pnet_virtio from Debian's 6.1 (.ko) and 7.2 (.ko.xz) packages. */
class ModInfoTest {
  static Path resource(String name) throws URISyntaxException {
    return Path.of(ModInfoTest.class.getResource("/kernel/" + name).toURI());
  }

  @Test
  void readsDependsAndNameFromTheElfSection() throws Exception {
    ModInfo info = ModInfo.parse(java.nio.file.Files.readAllBytes(resource("9pnet_virtio-6.1.ko")));
    assertThat(info.depends()).containsExactlyInAnyOrder("virtio", "9pnet", "virtio_ring");
    assertThat(info.first("name")).isEqualTo("9pnet_virtio");
    assertThat(info.first("vermagic")).startsWith("6.1.0-50-amd64");
  }

  @Test
  void xzModulesAreDecompressedFirst() throws Exception {
    ModInfo info = ModInfo.parse(KernelModules.unxz(resource("9pnet_virtio-7.2.ko.xz")));
    assertThat(info.first("vermagic")).startsWith("7.2.13+deb14-amd64");
    assertThat(info.depends()).contains("9pnet");
  }

  @Test
  void notAnElfIsRefused() {
    assertThatThrownBy(() -> ModInfo.parse(new byte[100])).isInstanceOf(IllegalArgumentException.class);
  }
}

package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelConfigTest {
  @Test
  void memcgV1FollowsMemcgV1WhereTheOptionExists() {
    assertThat(KernelConfig.parse("CONFIG_MEMCG=y\n# CONFIG_MEMCG_V1 is not set\n").memcgV1()).isFalse();
    assertThat(KernelConfig.parse("CONFIG_MEMCG=y\nCONFIG_MEMCG_V1=y\n").memcgV1()).isTrue();
  }

  @Test
  void beforeTheOptionEveryMemcgKernelHasV1() {
    assertThat(KernelConfig.parse("CONFIG_MEMCG=y\nCONFIG_HZ=250\n").memcgV1()).isTrue();
    assertThat(KernelConfig.parse("CONFIG_HZ=250\n").get("CONFIG_HZ")).isEqualTo("250");
  }
}

package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On the output of {@code apt-cache pkgnames linux-} over bullseye, bookworm, trixie and sid lists. */
class KernelPackageResolverTest {
  static List<String> names() throws IOException {
    return AptSourcesTest.fixture("apt-cache-pkgnames-linux.txt").lines().toList();
  }

  @Test
  void picksTheNewestAbiOfTheLine() throws IOException {
    assertThat(KernelPackageResolver.resolve("5.10", names()).orElseThrow())
        .isEqualTo(new KernelPackages("5.10", "5.10.0-32", List.of("linux-image-5.10.0-32-amd64")));
    assertThat(KernelPackageResolver.resolve("6.1", names()).orElseThrow().abi()).isEqualTo("6.1.0-50");
  }

  @Test
  void comparesNumbersNotStrings() throws IOException {
    // 6.12.107 is newer than 6.12.94 although "1" < "9".
    assertThat(KernelPackageResolver.resolve("6.12", names()).orElseThrow().release()).isEqualTo("6.12.107+deb13-amd64");
  }

  @Test
  void theSplitPackagesOf7xAreAllFetched() throws IOException {
    assertThat(KernelPackageResolver.resolve("7.2", names()).orElseThrow().packages()).containsExactly(
        "linux-binary-7.2.13+deb14-amd64", "linux-modules-7.2.13+deb14-amd64", "linux-base-7.2.13+deb14-amd64");
  }

  @Test
  void aLineNotInTheListsResolvesToNothing() throws IOException {
    assertThat(KernelPackageResolver.resolve("4.19", names())).isEmpty();
    assertThat(KernelPackageResolver.resolve("6.1", List.of("linux-image-6.12.94+deb13-amd64"))).isEmpty();
  }
}

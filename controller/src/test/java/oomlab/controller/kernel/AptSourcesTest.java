package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AptSourcesTest {
  static String fixture(String name) throws IOException {
    try (InputStream in = AptSourcesTest.class.getResourceAsStream("/kernel/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void deb822TakesTheReleaseSuiteEntryNotSecurity() throws IOException {
    assertThat(AptSources.archiveUri(fixture("debian.sources"))).contains("http://mirror.example.org/debian");
  }

  @Test
  void oneLineFormatSkipsSecurityAndSourceEntriesAndOptions() throws IOException {
    assertThat(AptSources.archiveUri(fixture("sources.list"))).contains("http://archive.example.org/debian");
  }

  @Test
  void disabledOrForeignEntriesGiveNothing() {
    assertThat(AptSources.archiveUri("Types: deb\nURIs: http://a.example/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n")).isEmpty();
    assertThat(AptSources.archiveUri("Types: deb\nURIs: https://vendor.example/apt\nSuites: nodistro\nComponents: contrib\n")).isEmpty();
  }

  @Test
  void privateSourcesNameTheSuiteAndTheArchiveKeyring() {
    assertThat(PrivateApt.sources("http://mirror.example.org/debian", "sid"))
        .contains("URIs: http://mirror.example.org/debian\n", "Suites: sid\n", "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg");
  }
}

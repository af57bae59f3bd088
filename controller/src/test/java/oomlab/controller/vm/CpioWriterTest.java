package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holds the writer against GNU cpio, which reads newc the way the kernel does. */
class CpioWriterTest {
  static String cpio(Path dir, Path archive, String... args) throws Exception {
    GuestRequirement.require(Files.isExecutable(Path.of("/usr/bin/cpio")), "/usr/bin/cpio");
    Process p = new ProcessBuilder(List.of(args)).directory(dir.toFile()).redirectInput(archive.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  static Path write(Path dir) throws Exception {
    Path archive = dir.resolve("test.cpio");
    try (OutputStream out = Files.newOutputStream(archive); CpioWriter cpio = new CpioWriter(out)) {
      cpio.directory("bin", 0755);
      cpio.file("bin/tool", 0750, "#!/bin/sh\necho odd length\n".getBytes(StandardCharsets.UTF_8));
      cpio.file("data", 0644, new byte[] {1, 2, 3});
      cpio.symlink("bin/link", "tool");
      cpio.charDevice("console", 0600, 5, 1);
    }
    return archive;
  }

  @Test
  void listsEveryEntryInOrder(@TempDir Path dir) throws Exception {
    Path archive = write(dir);
    assertThat(cpio(dir, archive, "cpio", "-t", "--quiet").lines().toList())
        .containsExactly("bin", "bin/tool", "data", "bin/link", "console");
  }

  @Test
  void extractsWithContentsModesAndLinkTargets(@TempDir Path dir) throws Exception {
    Path archive = write(dir);
    Path out = Files.createDirectory(dir.resolve("out"));
    cpio(out, archive, "cpio", "-i", "--quiet", "--no-absolute-filenames");
    assertThat(Files.readString(out.resolve("bin/tool"))).isEqualTo("#!/bin/sh\necho odd length\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/tool")))).isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin")))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readAllBytes(out.resolve("data"))).containsExactly(1, 2, 3);
    assertThat(Files.readSymbolicLink(out.resolve("bin/link"))).isEqualTo(Path.of("tool"));
    String listing = cpio(dir, archive, "cpio", "-t", "-v", "--quiet");
    assertThat(listing).containsPattern("crw------- .* 5, +1 .*console");
  }
}

package oomlab.controller.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZOutputStream;
import org.tukaani.xz.FilterOptions;

class BzImageTest {
  /** A bzImage as the kernel's build lays it out: setup sectors, then the payload the header points to. */
  static byte[] bzImage(byte[] payload, int setupSectors, int payloadOffset) {
    byte[] image = new byte[(setupSectors + 1) * 512 + payloadOffset + payload.length + 4];
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    image[0x1f1] = (byte) setupSectors;
    b.putInt(0x202, 0x53726448);
    b.putShort(0x206, (short) 0x20f);
    b.putInt(0x248, payloadOffset);
    b.putInt(0x24c, payload.length);
    System.arraycopy(payload, 0, image, (setupSectors + 1) * 512 + payloadOffset, payload.length);
    return image;
  }

  @Test
  void extractsTheXzPayloadTheHeaderPointsTo(@TempDir Path dir) throws Exception {
    byte[] vmlinux = new byte[200_000];
    Arrays.fill(vmlinux, 0, 4, (byte) 0x7f);
    for (int i = 4; i < vmlinux.length; i++) {
      vmlinux[i] = (byte) (i * 31 % 251);
    }
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    // The kernel compresses with the x86 BCJ filter in front of LZMA2 and a CRC32 check.
    try (XZOutputStream out = new XZOutputStream(xz, new FilterOptions[] {new X86Options(), new LZMA2Options()}, org.tukaani.xz.XZ.CHECK_CRC32)) {
      out.write(vmlinux);
    }
    Files.write(dir.resolve("vmlinuz"), bzImage(xz.toByteArray(), 39, 716));

    assertThat(BzImage.extractVmlinux(dir.resolve("vmlinuz"), dir.resolve("vmlinux"))).isTrue();
    assertThat(Files.readAllBytes(dir.resolve("vmlinux"))).isEqualTo(vmlinux);
  }

  @Test
  void aZstdPayloadIsLeftAlone(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("vmlinuz"), bzImage(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3, 4}, 30, 0));
    assertThat(BzImage.extractVmlinux(dir.resolve("vmlinuz"), dir.resolve("vmlinux"))).isFalse();
    assertThat(dir.resolve("vmlinux")).doesNotExist();
  }
}

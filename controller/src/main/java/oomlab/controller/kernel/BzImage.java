package oomlab.controller.kernel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Pulls the uncompressed ELF {@code vmlinux} out of an x86 bzImage ({@code vmlinuz}). QEMU boots
 * such an ELF directly through its PVH entry note (Debian sets CONFIG_PVH), skipping both the
 * real-mode setup and the in-guest decompression, which under TCG costs seconds for an xz kernel.
 * Only xz payloads are handled; other compressions (zstd from 7.x, cheap to decompress even
 * under TCG) keep booting from the bzImage.
 */
public final class BzImage {
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  private BzImage() {}

  /** Writes {@code vmlinux} and returns true, or returns false when the payload is not xz. */
  public static boolean extractVmlinux(Path bzImage, Path vmlinux) throws IOException {
    Optional<byte[]> payload = xzPayload(Files.readAllBytes(bzImage));
    if (payload.isEmpty()) {
      return false;
    }
    Path tmp = vmlinux.resolveSibling(vmlinux.getFileName() + ".tmp");
    try (InputStream in = new SingleXZInputStream(new ByteArrayInputStream(payload.get()));
        OutputStream out = Files.newOutputStream(tmp)) {
      in.transferTo(out);
    }
    Files.move(tmp, vmlinux, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  /** The compressed payload named by the setup header (boot protocol >= 2.08), if it is xz. */
  static Optional<byte[]> xzPayload(byte[] image) {
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    if (image.length < 0x250 || b.getInt(0x202) != 0x53726448 /* "HdrS" */ || b.getShort(0x206) < 0x208) {
      return Optional.empty();
    }
    int setupSectors = image[0x1f1] == 0 ? 4 : Byte.toUnsignedInt(image[0x1f1]);
    int start = (setupSectors + 1) * 512 + b.getInt(0x248);
    int length = b.getInt(0x24c);
    if (start < 0 || length <= 0 || start + length > image.length) {
      return Optional.empty();
    }
    for (int i = 0; i < XZ_MAGIC.length; i++) {
      if (image[start + i] != XZ_MAGIC[i]) {
        return Optional.empty();
      }
    }
    byte[] payload = new byte[length];
    System.arraycopy(image, start, payload, 0, length);
    return Optional.of(payload);
  }
}

package oomlab.controller.kernel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * What a kernel image file says about itself: its release and, when built with CONFIG_IKCONFIG,
 * its configuration. An image is an x86 bzImage (vmlinuz) or the ELF vmlinux.
 */
public final class KernelImage {
  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
  private static final byte[] BANNER = "Linux version ".getBytes(StandardCharsets.US_ASCII);
  // kernel/configs.c wraps the gzipped .config in these markers (CONFIG_IKCONFIG).
  private static final byte[] IKCFG_ST = "IKCFG_ST".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IKCFG_ED = "IKCFG_ED".getBytes(StandardCharsets.US_ASCII);

  private KernelImage() {}

  public static boolean isElf(Path image) throws IOException {
    try (InputStream in = Files.newInputStream(image)) {
      byte[] head = in.readNBytes(4);
      return java.util.Arrays.equals(head, ELF_MAGIC);
    }
  }

  public static boolean isBzImage(byte[] image) {
    return image.length > 0x210 && ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(0x202) == 0x53726448;
  }

  /**
   * The release ({@code uname -r}) the image was built as: from the bzImage header's
   * kernel_version string (boot protocol 2.00+), or from the linux_banner ("Linux version
   * RELEASE (") in an ELF vmlinux.
   */
  public static Optional<String> release(Path image) throws IOException {
    byte[] bytes = Files.readAllBytes(image);
    if (isBzImage(bytes)) {
      int pointer = Short.toUnsignedInt(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(0x20e));
      int at = pointer + 0x200;
      if (pointer != 0 && at < bytes.length) {
        return Optional.of(firstWord(bytes, at)).filter(s -> !s.isEmpty());
      }
      return Optional.empty();
    }
    for (int i = indexOf(bytes, BANNER, 0); i >= 0; i = indexOf(bytes, BANNER, i + 1)) {
      int at = i + BANNER.length;
      if (at < bytes.length && Character.isDigit(bytes[at])) {
        return Optional.of(firstWord(bytes, at));
      }
    }
    return Optional.empty();
  }

  /** The image's embedded .config (CONFIG_IKCONFIG), if it has one and its payload can be read (xz or gzip bzImage, or ELF). */
  public static Optional<String> ikconfig(Path image) throws IOException {
    byte[] bytes = Files.readAllBytes(image);
    Optional<byte[]> vmlinux = isBzImage(bytes) ? decompressedPayload(bytes) : Optional.of(bytes);
    if (vmlinux.isEmpty()) {
      return Optional.empty();
    }
    byte[] v = vmlinux.get();
    int start = indexOf(v, IKCFG_ST, 0);
    if (start < 0) {
      return Optional.empty();
    }
    int end = indexOf(v, IKCFG_ED, start);
    if (end < 0) {
      return Optional.empty();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(v, start + IKCFG_ST.length, end - start - IKCFG_ST.length))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The decompressed vmlinux of a bzImage whose payload is xz or gzip (others: empty). */
  static Optional<byte[]> decompressedPayload(byte[] image) throws IOException {
    Optional<byte[]> xz = BzImage.xzPayload(image);
    if (xz.isPresent()) {
      try (InputStream in = new SingleXZInputStream(new ByteArrayInputStream(xz.get()))) {
        return Optional.of(in.readAllBytes());
      }
    }
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int setupSectors = image[0x1f1] == 0 ? 4 : Byte.toUnsignedInt(image[0x1f1]);
    int start = (setupSectors + 1) * 512 + b.getInt(0x248);
    int length = b.getInt(0x24c);
    if (start < 0 || length <= 2 || start + length > image.length || image[start] != 0x1f || image[start + 1] != (byte) 0x8b) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(image, start, length))) {
      in.transferTo(out);
    }
    return Optional.of(out.toByteArray());
  }

  private static String firstWord(byte[] bytes, int at) {
    int end = at;
    while (end < bytes.length && bytes[end] > ' ' && bytes[end] < 0x7f) {
      end++;
    }
    return new String(bytes, at, end - at, StandardCharsets.US_ASCII);
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package oomlab.controller.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The busybox the initramfs runs: it must be statically linked (Debian's busybox-static), since
 * the initramfs has no C library. A dynamic ELF names its loader in a PT_INTERP program header.
 */
public final class StaticBusybox {
  static final Path DEFAULT = Path.of("/bin/busybox");
  private static final int PT_INTERP = 3;

  private StaticBusybox() {}

  public static byte[] read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new GuestException(3, path + " is missing: install busybox-static (scripts/install-deps)");
    }
    byte[] elf = Files.readAllBytes(path);
    if (!isStatic(elf)) {
      throw new GuestException(3, path + " is dynamically linked: install busybox-static, not busybox");
    }
    return elf;
  }

  static boolean isStatic(byte[] elf) {
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    if (elf.length < 64 || b.getInt(0) != 0x464c457f || elf[4] != 2) {
      return false;
    }
    long phoff = b.getLong(0x20);
    int phentsize = Short.toUnsignedInt(b.getShort(0x36));
    int phnum = Short.toUnsignedInt(b.getShort(0x38));
    for (int i = 0; i < phnum; i++) {
      if (b.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) {
        return false;
      }
    }
    return true;
  }
}

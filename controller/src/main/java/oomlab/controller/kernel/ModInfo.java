package oomlab.controller.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .modinfo} section of a kernel module (an ELF64 relocatable): NUL-separated
 * {@code key=value} strings such as {@code depends=virtio,9pnet,virtio_ring} and {@code name=9pnet_virtio}.
 * Read directly from the ELF so that oomlab needs no kmod on the host.
 */
public record ModInfo(Map<String, List<String>> fields) {

  public static ModInfo parse(byte[] elf) {
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    if (elf.length < 64 || b.getInt(0) != 0x464c457f || elf[4] != 2 || elf[5] != 1) {
      throw new IllegalArgumentException("not a little-endian ELF64 kernel module");
    }
    long shoff = b.getLong(0x28);
    int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
    int shnum = Short.toUnsignedInt(b.getShort(0x3c));
    int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
    long namesOffset = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
    for (int i = 0; i < shnum; i++) {
      int sh = (int) (shoff + (long) i * shentsize);
      String name = cString(elf, (int) (namesOffset + b.getInt(sh)));
      if (name.equals(".modinfo")) {
        int offset = (int) b.getLong(sh + 0x18);
        int size = (int) b.getLong(sh + 0x20);
        return fromStrings(new String(elf, offset, size, StandardCharsets.UTF_8));
      }
    }
    throw new IllegalArgumentException("no .modinfo section");
  }

  private static ModInfo fromStrings(String section) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String entry : section.split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        fields.computeIfAbsent(entry.substring(0, eq), k -> new ArrayList<>()).add(entry.substring(eq + 1));
      }
    }
    return new ModInfo(fields);
  }

  private static String cString(byte[] bytes, int at) {
    int end = at;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, at, end - at, StandardCharsets.US_ASCII);
  }

  /** Module names this one needs loaded first (may be empty). */
  public List<String> depends() {
    return fields.getOrDefault("depends", List.of()).stream()
        .flatMap(d -> Arrays.stream(d.split(","))).filter(s -> !s.isBlank()).toList();
  }

  public String first(String key) {
    List<String> v = fields.get(key);
    return v == null || v.isEmpty() ? null : v.getFirst();
  }
}

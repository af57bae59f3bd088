package oomlab.controller.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import oomlab.controller.kernel.ExternalCommand;

/**
 * A writable disk for a guest command that needs a real file system as its working directory
 * (the kernel's selftests: page cache that reclaim can write back and drop, {@code O_TMPFILE},
 * neither of which the read-only 9p host root nor a tmpfs offers): a sparse raw image with ext4,
 * made on the host, attached as virtio-blk and mounted by the guest's init at {@link #MOUNT_POINT}.
 */
public final class ScratchDisk {
  /** In the guest's /tmp (an overlay private to the guest), so the mount point can be created. */
  public static final String MOUNT_POINT = "/tmp/oomlab-scratch";
  /**
   * The modules the disk needs beside the guest's own, with their config options (=y: built in).
   * ext4 before 6.14 allocates the crc32c crypto driver at every mount ("Cannot load crc32c
   * driver" otherwise, as the guest has no modprobe): Debian builds it as crc32c_generic; from
   * 6.14 ext4 calls the crc32c library and there is no such module, hence optional ({@code ?}).
   */
  public static final Map<String, String> MODULES = Map.of("virtio_blk", "CONFIG_VIRTIO_BLK", "ext4", "CONFIG_EXT4_FS",
      "crc32c_generic?", "CONFIG_CRYPTO_CRC32C");

  private ScratchDisk() {}

  /**
   * Creates {@code image} ({@code bytes} long, sparse) with an ext4 file system (mke2fs's defaults).
   */
  public static Path create(Path image, long bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(bytes);
    }
    ExternalCommand.run(image.getParent(), List.of("mkfs.ext4", "-q", "-F", "-E", "root_owner=0:0",
        image.toString()));
    return image;
  }

  public static List<String> moduleRoots() {
    return List.copyOf(new java.util.TreeSet<>(MODULES.keySet()));
  }
}

package oomlab.agent.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one place where the agent reads and writes kernel pseudo-files (cgroupfs, procfs). Each
 * write is one {@code write(2)} of the whole value, as cgroupfs parses each write separately, and
 * a failed write surfaces the kernel's errno (EBUSY when a v1 limit cannot be lowered below usage,
 * EINVAL for a malformed value, ENOENT for a removed cgroup). Callers branch on the errno through
 * {@link #isBusy} and friends, so that the errno mapping lives here only.
 */
public final class KernelFile {
  private KernelFile() {}

  /** The whole file as text. */
  public static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.US_ASCII);
  }

  /** Writes {@code value} in one write call; the file must exist (kernel files are never created). */
  public static void write(Path path, String value) throws IOException {
    try (var out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
      out.write(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("write " + path + " '" + value.strip() + "': " + e.getMessage(), e);
    }
  }

  /** mkdir(2): creates a cgroup; the kernel populates its control files. */
  public static void mkdir(Path dir) throws IOException {
    Files.createDirectory(dir);
  }

  /** rmdir(2): removes an empty, unpopulated cgroup (EBUSY while it has tasks or children). */
  public static void rmdir(Path dir) throws IOException {
    try {
      Files.delete(dir);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("rmdir " + dir + ": " + e.getMessage(), e);
    }
  }

  /** ENOENT: the file, or the cgroup holding it, is gone. */
  public static boolean isNoSuchFile(IOException e) {
    return e instanceof NoSuchFileException || messageHas(e, "No such file");
  }

  /** EBUSY: a v1 limit below usage that reclaim could not meet, rmdir of a populated cgroup. */
  public static boolean isBusy(IOException e) {
    return messageHas(e, "Device or resource busy");
  }

  /** EACCES or EPERM: a missing capability (CAP_SYS_RESOURCE for a negative oom_score_adj). */
  public static boolean isPermissionDenied(IOException e) {
    return messageHas(e, "Permission denied") || messageHas(e, "Operation not permitted");
  }

  /** EINVAL: the kernel rejected the value. */
  public static boolean isInvalidArgument(IOException e) {
    return messageHas(e, "Invalid argument");
  }

  private static boolean messageHas(IOException e, String strerror) {
    return e.getMessage() != null && e.getMessage().contains(strerror);
  }
}

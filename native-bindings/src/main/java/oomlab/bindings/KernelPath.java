package oomlab.bindings;

import java.nio.file.Path;

/**
 * A path encoded once as the NUL-terminated bytes open(2) takes, for a file opened again and again
 * ({@code /proc/PID/oom_score_adj}): the encoding and the string building are paid when the path
 * is made, not per open. Its text, for messages, is the string it was made from.
 */
public final class KernelPath {
  private final String text;
  private final byte[] cBytes;

  private KernelPath(String text) {
    if (text.indexOf('\0') >= 0) throw new IllegalArgumentException("path with a NUL byte: " + text);
    this.text = text;
    this.cBytes = NativeCall.cBytes(text);
  }

  public static KernelPath of(String path) {
    return new KernelPath(path);
  }

  public static KernelPath of(Path path) {
    return new KernelPath(path.toString());
  }

  /** The NUL-terminated bytes; never modified. */
  byte[] cBytes() {
    return cBytes;
  }

  @Override
  public String toString() {
    return text;
  }
}

package oomlab.controller.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a file that QEMU appends to (the console log, the status port's file): each poll returns
 * the complete lines written since the last one, decoded as UTF-8 only once whole (a character cut
 * between two polls stays intact), without their line end ({@code \n} or {@code \r\n}).
 */
final class FileLines {
  private final Path file;
  private long position;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  FileLines(Path file) {
    this.file = file;
  }

  List<String> poll() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] b;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.length() <= position) {
        return List.of();
      }
      f.seek(position);
      b = new byte[(int) Math.min(f.length() - position, 1 << 20)];
      f.readFully(b);
      position += b.length;
    }
    return append(b);
  }

  /** Adds bytes read from the file and returns the lines they complete. */
  List<String> append(byte[] b) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        partial.write(b, from, i - from);
        String line = partial.toString(StandardCharsets.UTF_8);
        lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        partial.reset();
        from = i + 1;
      }
    }
    partial.write(b, from, b.length - from);
    return lines;
  }
}

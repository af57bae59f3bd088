package oomlab.controller.explain;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Lines of a saved kernel log, read in constant memory: a line longer than {@link #MAX_LINE}
 * bytes is cut there (no printk message comes near it; the rest of the line is skipped), bytes
 * that are not UTF-8 become U+FFFD. Input whose first {@link #SNIFF} bytes hold a NUL byte or
 * more than 10% control bytes is binary data, not a log: {@link NotText}, before any line is fed.
 */
final class LogInput {
  static final int MAX_LINE = 64 * 1024;
  static final int SNIFF = 64 * 1024;

  /** The input is not text. */
  static final class NotText extends Exception {
    NotText(String message) {
      super(message);
    }
  }

  private LogInput() {}

  /** Feeds every line of {@code raw} to {@code lines}; returns the number of lines cut at MAX_LINE. */
  static long lines(InputStream raw, Consumer<String> lines) throws IOException, NotText {
    var in = new BufferedInputStream(raw, SNIFF);
    in.mark(SNIFF);
    byte[] head = in.readNBytes(SNIFF);
    in.reset();
    sniff(head);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    byte[] buf = new byte[64 * 1024];
    byte[] line = new byte[MAX_LINE];
    int len = 0;
    boolean skipping = false;
    long cut = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          if (!skipping) lines.accept(decoder.decode(ByteBuffer.wrap(line, 0, len)).toString());
          len = 0;
          skipping = false;
        } else if (!skipping) {
          if (len == MAX_LINE) {
            lines.accept(decoder.decode(ByteBuffer.wrap(line, 0, len)).toString());
            cut++;
            skipping = true;
          } else {
            line[len++] = b;
          }
        }
      }
    }
    if (len > 0 && !skipping) lines.accept(decoder.decode(ByteBuffer.wrap(line, 0, len)).toString());
    return cut;
  }

  private static void sniff(byte[] head) throws NotText {
    long control = 0;
    for (int i = 0; i < head.length; i++) {
      byte b = head[i];
      if (b == 0) throw new NotText("binary data (a NUL byte at offset " + i + "), not a kernel log");
      if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x1b) control++;
    }
    if (control * 10 > head.length) {
      throw new NotText("binary data (" + control + " control bytes in the first " + head.length + "), not a kernel log");
    }
  }
}

package oomlab.model.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The text of a scenario file, refused before it can cost anything: only a regular file is opened
 * (a device such as {@code /dev/zero} would be read forever, a named pipe blocks the open), at most
 * {@link #MAX_BYTES} of it, checked on its size before reading and bounded while reading (a file
 * may grow, {@code /proc} files say size 0); it must be UTF-8 text without control characters
 * (binary input is named as such, at the line and column of its first bad byte).
 */
final class ScenarioText {
  /** 1 MiB: the largest shipped scenario is under 2 KiB. */
  static final int MAX_BYTES = 1 << 20;

  private ScenarioText() {}

  static String read(Path file) throws ScenarioException {
    String name = file.toString();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new ScenarioException(name, "(file)", "cannot read: " + ioProblem(e));
    }
    if (!attrs.isRegularFile()) {
      throw new ScenarioException(name, "(file)", "not a regular file (" + kind(file, attrs) + "): a scenario is a .yaml file");
    }
    if (attrs.size() > MAX_BYTES) throw tooLarge(name, attrs.size());
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new ScenarioException(name, "(file)", "cannot read: " + ioProblem(e));
    }
    if (bytes.length > MAX_BYTES) throw tooLarge(name, bytes.length);
    return decode(name, bytes);
  }

  /** Text given as a string (tests, options): the same size and character rules. */
  static void check(String name, String text) throws ScenarioException {
    if (text.length() > MAX_BYTES) throw tooLarge(name, text.length());
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if (isControl(c)) {
        throw new ScenarioException(name, "line " + line + ", column " + column,
            (c == 0 ? "a NUL byte" : String.format("control character U+%04X", (int) c)) + ": binary data, not YAML text");
      }
      column++;
    }
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f || (c >= 0x80 && c <= 0x9f && c != 0x85) || c == 0xfffe || c == 0xffff;
  }

  private static String decode(String name, byte[] bytes) throws ScenarioException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = utf8.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new ScenarioException(name, "line " + line + ", column " + (at - lineStart + 1),
          String.format("byte 0x%02x is not UTF-8: binary data, not YAML text", bytes[at] & 0xff));
    }
    try {
      utf8.flush(out);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e); // decode(.., true) was called: flush cannot fail
    }
    String text = out.flip().toString();
    check(name, text);
    return text;
  }

  private static ScenarioException tooLarge(String name, long bytes) {
    return new ScenarioException(name, "(file)", String.format("%.1f MiB, more than the %d MiB a scenario file may have",
        bytes / (double) (1 << 20), MAX_BYTES >> 20));
  }

  /** What a non-regular file is, in words: {@code unix:mode}'s type bits where the platform has them. */
  private static String kind(Path file, BasicFileAttributes attrs) {
    if (attrs.isDirectory()) return "a directory";
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "a named pipe";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "not a file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a device, pipe or socket";
    }
  }

  /** The problem of an I/O failure in words, without the path the message already starts with. */
  static String ioProblem(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NotDirectoryException) return "not a directory";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() == null ? "input/output error" : oneLine(e.getMessage());
  }

  private static String oneLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}

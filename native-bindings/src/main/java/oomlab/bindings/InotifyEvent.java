package oomlab.bindings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code struct inotify_event { int wd; uint32_t mask; uint32_t cookie; uint32_t len; char
 * name[len]; }}; {@code name} is empty for events on the watched file itself.
 */
public record InotifyEvent(int wd, int mask, int cookie, String name) {
  private static final int HEADER = 16;

  public boolean is(int flag) {
    return (mask & flag) != 0;
  }

  /** The events in the first {@code length} bytes of a read(2) buffer (host byte order). */
  public static List<InotifyEvent> parse(byte[] buf, int length) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, length).order(ByteOrder.nativeOrder());
    List<InotifyEvent> out = new ArrayList<>();
    int pos = 0;
    while (pos + HEADER <= length) {
      int wd = b.getInt(pos);
      int mask = b.getInt(pos + 4);
      int cookie = b.getInt(pos + 8);
      int len = b.getInt(pos + 12);
      if (len < 0 || pos + HEADER + len > length) {
        throw new IllegalArgumentException("truncated inotify_event at offset " + pos + ": len " + len + ", buffer " + length);
      }
      int end = pos + HEADER;
      while (end < pos + HEADER + len && buf[end] != 0) end++; // name is NUL-padded
      out.add(new InotifyEvent(wd, mask, cookie, new String(buf, pos + HEADER, end - pos - HEADER, StandardCharsets.UTF_8)));
      pos += HEADER + len;
    }
    return out;
  }
}

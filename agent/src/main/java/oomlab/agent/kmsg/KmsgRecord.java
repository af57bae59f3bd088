package oomlab.agent.kmsg;

/**
 * One /dev/kmsg record: {@code prio,seq,usec,flags[,...];message}, followed by optional
 * {@code \n KEY=value} dictionary lines (dropped here). {@code usec} is the printk timestamp, the
 * kernel's local_clock in µs since boot: on x86 with a stable TSC it runs with CLOCK_MONOTONIC
 * (both start at boot and do not count suspend), so it can be compared with event stamps taken by
 * System.nanoTime; a calibration against a record we write ourselves bounds the offset.
 *
 * @param priority syslog facility * 8 + level, as the kernel wrote it ({@code level()} is the low 3 bits)
 * @param seq the record's sequence number: a gap means records were overwritten before we read them
 * @param usec timestamp in µs (CLOCK_MONOTONIC-like, see above)
 * @param message the text, with the kernel's {@code \xNN} escapes left as they are
 */
public record KmsgRecord(int priority, long seq, long usec, String message) {
  /** The syslog level (0 emerg .. 7 debug). */
  public int level() {
    return priority & 7;
  }

  /** The timestamp in ns, for comparison with CLOCK_MONOTONIC stamps. */
  public long monoNs() {
    return usec * 1_000L;
  }

  /**
   * Parses one record as read(2) returns it. Throws IllegalArgumentException naming the problem
   * for anything that is not a record (the kernel's format is fixed since 3.5).
   */
  public static KmsgRecord parse(String raw) {
    int semi = raw.indexOf(';');
    if (semi < 0) throw new IllegalArgumentException("kmsg record without ';': " + abbreviate(raw));
    String[] prefix = raw.substring(0, semi).split(",");
    if (prefix.length < 4) throw new IllegalArgumentException("kmsg record prefix needs prio,seq,usec,flags: " + abbreviate(raw));
    int nl = raw.indexOf('\n', semi);
    String message = nl < 0 ? raw.substring(semi + 1) : raw.substring(semi + 1, nl);
    try {
      return new KmsgRecord(Integer.parseInt(prefix[0]), Long.parseLong(prefix[1]), Long.parseLong(prefix[2]), message);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kmsg record prefix not numeric: " + abbreviate(raw), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}

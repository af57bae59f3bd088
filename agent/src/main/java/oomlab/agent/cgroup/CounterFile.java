package oomlab.agent.cgroup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parser for the kernel's flat keyed files, one {@code name value} pair a line ({@code
 * memory.oom_control}, {@code memory.events}, {@code memory.stat}): pure, strict. A line that is not
 * a name and a non-negative decimal number is an error naming the file and the line, as a
 * half-parsed counter file would silently turn into wrong outcomes.
 */
final class CounterFile {
  private CounterFile() {}

  static Map<String, Long> parse(String fileName, String text) {
    Map<String, Long> counters = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] kv = line.trim().split("\\s+");
      if (kv.length != 2 || !kv[1].matches("\\d{1,19}")) {
        throw new IllegalArgumentException(fileName + ": expected 'name number' lines, got '" + line + "'");
      }
      counters.put(kv[0], Long.parseLong(kv[1]));
    }
    return counters;
  }

  static long require(String fileName, Map<String, Long> counters, String key) {
    Long v = counters.get(key);
    if (v == null) {
      throw new IllegalArgumentException(fileName + ": no '" + key + "' line in " + counters.keySet());
    }
    return v;
  }
}

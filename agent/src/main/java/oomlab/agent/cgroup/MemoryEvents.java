package oomlab.agent.cgroup;

import java.util.Map;

/**
 * cgroup v2 {@code memory.events} or {@code memory.events.local}: the kernel's memcg event
 * counters. {@code memory.events} counts the subtree (hierarchically, unless mounted with
 * {@code memory_localevents}), {@code memory.events.local} this cgroup only. Keys a kernel does
 * not print yet ({@code oom_group_kill} before 5.17) read as 0; every key read is kept in
 * {@link #all()} so newer ones ({@code sock_throttled}) are not lost.
 */
public record MemoryEvents(long low, long high, long max, long oom, long oomKill, long oomGroupKill, Map<String, Long> all) {
  public static MemoryEvents parse(String text) {
    Map<String, Long> c = CounterFile.parse("memory.events", text);
    for (String key : new String[] {"low", "high", "max", "oom", "oom_kill"}) {
      CounterFile.require("memory.events", c, key);
    }
    return new MemoryEvents(c.get("low"), c.get("high"), c.get("max"), c.get("oom"), c.get("oom_kill"),
        c.getOrDefault("oom_group_kill", 0L), Map.copyOf(c));
  }
}

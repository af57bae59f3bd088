package oomlab.agent.run;

import java.io.IOException;
import java.util.OptionalLong;
import oomlab.agent.cgroup.MemoryCgroup;

/**
 * One read of a memcg's usage, peak and limit, for the report's charts and the overcharge check
 * (usage or peak above the limit). The three files are read one after another while a handler's
 * limit write may race them, so the limit is read before and after usage and peak and the higher
 * one kept: {@code memory_max_write} (mm/memcontrol.c, 5.10 to 7.2) stores the new max before it
 * reclaims or kills, and a usage read before a shrink held against the shrunk limit read after it
 * looked like a forced charge (6.12 v2 shrink-max-kills, 1 run of 12: usage 33648640, limit
 * 16777216); a raise between the reads would do the same with a usage read after it. Usage and
 * peak only exceed the higher limit if they exceeded the limit in force while they were read.
 *
 * @param limit {@link MemoryCgroup#UNLIMITED} when there is none
 */
record UsageSample(long usage, OptionalLong peak, long limit) {
  /** The reads of one file, as {@link MemoryCgroup} makes them. */
  interface Read<T> {
    T get() throws IOException;
  }

  static UsageSample read(MemoryCgroup cg) throws IOException {
    return read(cg::limit, cg::usage, cg::peak);
  }

  static UsageSample read(Read<Long> limit, Read<Long> usage, Read<OptionalLong> peak) throws IOException {
    long before = limit.get();
    long u = usage.get();
    OptionalLong p = peak.get();
    return new UsageSample(u, p, Math.max(before, limit.get()));
  }
}

package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import oomlab.model.scenario.CgroupVersion;

/**
 * A cgroup v2 memcg: {@code memory.max}, {@code memory.high}, {@code memory.swap.max} (swap alone,
 * unlike v1's memsw), {@code memory.oom.group}, {@code memory.events} (hierarchical) and {@code
 * memory.events.local}. A v2 cgroup is a memcg only when its parent lists {@code memory} in
 * {@code cgroup.subtree_control}.
 */
public final class MemoryCgroupV2 extends MemoryCgroup {
  private static final String SWAP_MAX = "memory.swap.max";

  MemoryCgroupV2(Path dir, WriteGuard guard) {
    super(dir, guard);
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V2;
  }

  @Override
  String limitFile() {
    return "memory.max";
  }

  @Override
  String usageFile() {
    return "memory.current";
  }

  @Override
  String peakFile() {
    return "memory.peak";
  }

  @Override
  String formatLimit(long bytes) {
    return bytes == UNLIMITED ? "max" : Long.toString(bytes);
  }

  @Override
  long parseLimit(String file, String text) {
    return text.trim().equals("max") ? UNLIMITED : parseNumber(file, text);
  }

  /**
   * Writes {@code +memory} to this cgroup's {@code cgroup.subtree_control} unless already there.
   * The guard allows it only at or below the agent root, i.e. in cgroups oomlab created. The kernel
   * refuses (EBUSY) when this cgroup has member processes: v2's no-internal-process rule, so a
   * scenario cannot put tasks in a cgroup that has memcg children.
   */
  @Override
  void enableMemoryForChildren() throws IOException {
    if (!subtreeControl().contains("memory")) {
      write("cgroup.subtree_control", "+memory");
    }
  }

  /**
   * {@code cgroup.kill} (5.14+) SIGKILLs every task of the subtree at once, including tasks forked
   * while the kill runs, which one-by-one kill(2) over cgroup.procs can miss.
   */
  @Override
  boolean killAtomically() throws IOException {
    if (!Files.exists(path().resolve("cgroup.kill"))) {
      return false;
    }
    write("cgroup.kill", "1");
    return true;
  }

  private java.util.List<String> subtreeControl() throws IOException {
    return Arrays.asList(read("cgroup.subtree_control").trim().split("\\s+"));
  }

  @Override
  public void setLimits(long memoryBytes, long swapBytes) throws IOException {
    setLimit(memoryBytes);
    if (Files.exists(path().resolve(SWAP_MAX))) {
      write(SWAP_MAX, formatLimit(swapBytes));
    } else if (swapBytes != UNLIMITED && swapBytes != 0) {
      throw new IOException(path() + ": no memory.swap.max (kernel without swap): cannot limit swap to " + swapBytes);
    }
  }

  public OptionalLong swapMax() throws IOException {
    if (!Files.exists(path().resolve(SWAP_MAX))) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parseLimit(SWAP_MAX, read(SWAP_MAX)));
  }

  /** {@code memory.high}: the throttle limit (reclaim and sleep above it, never OOM). */
  public long high() throws IOException {
    return parseLimit("memory.high", read("memory.high"));
  }

  public void setHigh(long bytes) throws IOException {
    write("memory.high", formatLimit(bytes));
  }

  /** {@code memory.oom.group}: an OOM kill in this cgroup kills all of it. */
  public boolean oomGroup() throws IOException {
    return parseNumber("memory.oom.group", read("memory.oom.group")) != 0;
  }

  public void setOomGroup(boolean group) throws IOException {
    write("memory.oom.group", group ? "1" : "0");
  }

  /** {@code memory.events}: this cgroup and its descendants. */
  public MemoryEvents events() throws IOException {
    return MemoryEvents.parse(read("memory.events"));
  }

  /** {@code memory.events.local}: this cgroup alone. */
  public MemoryEvents eventsLocal() throws IOException {
    return MemoryEvents.parse(read("memory.events.local"));
  }

  @Override
  public long failcnt() throws IOException {
    return events().max();
  }
}

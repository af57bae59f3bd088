package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import oomlab.model.scenario.CgroupVersion;

/**
 * A cgroup v1 memcg: {@code memory.limit_in_bytes}, {@code memory.memsw.limit_in_bytes} (memory +
 * swap, present with swap accounting), {@code memory.oom_control} with {@code oom_kill_disable}.
 * v1 hierarchies charge children to parents only with {@code use_hierarchy=1}, which is the only
 * mode since 6.1 and this host's setting.
 */
public final class MemoryCgroupV1 extends MemoryCgroup {
  /** {@code PAGE_COUNTER_MAX * PAGE_SIZE} on 64-bit: what an unlimited v1 limit reads as. */
  static final long V1_UNLIMITED_READ = 9223372036854771712L;

  private static final String MEMSW = "memory.memsw.limit_in_bytes";

  MemoryCgroupV1(Path dir, WriteGuard guard) {
    super(dir, guard);
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V1;
  }

  @Override
  String limitFile() {
    return "memory.limit_in_bytes";
  }

  @Override
  String usageFile() {
    return "memory.usage_in_bytes";
  }

  @Override
  String peakFile() {
    return "memory.max_usage_in_bytes";
  }

  @Override
  String formatLimit(long bytes) {
    return bytes == UNLIMITED ? "-1" : Long.toString(bytes);
  }

  @Override
  long parseLimit(String file, String text) {
    long v = parseNumber(file, text);
    return v >= V1_UNLIMITED_READ ? UNLIMITED : v;
  }

  @Override
  void enableMemoryForChildren() {
    // v1: every cgroup of the memory hierarchy is a memcg; nothing to enable.
  }

  @Override
  boolean killAtomically() {
    return false; // v1 has no cgroup.kill: members are SIGKILLed one by one
  }

  /** memory + swap limit, when the kernel accounts swap ({@code memory.memsw.*} exists). */
  public OptionalLong memswLimit() throws IOException {
    if (!Files.exists(path().resolve(MEMSW))) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parseLimit(MEMSW, read(MEMSW)));
  }

  /**
   * The kernel keeps {@code memsw >= limit} at every write ({@code mem_cgroup_resize_max} returns
   * EINVAL otherwise), so the order depends on the direction: a new limit above the current memsw
   * needs memsw raised first; otherwise the limit goes first and memsw follows.
   */
  @Override
  public void setLimits(long memoryBytes, long swapBytes) throws IOException {
    OptionalLong memsw = memswLimit();
    if (memsw.isEmpty()) {
      if (swapBytes != UNLIMITED && swapBytes != 0) {
        throw new IOException(path() + ": no memory.memsw.limit_in_bytes (no swap accounting): cannot limit swap to " + swapBytes);
      }
      setLimit(memoryBytes);
      return;
    }
    long newMemsw = memoryBytes == UNLIMITED || swapBytes == UNLIMITED ? UNLIMITED : memoryBytes + swapBytes;
    if (memoryBytes > memsw.getAsLong()) {
      write(MEMSW, formatLimit(newMemsw));
      setLimit(memoryBytes);
    } else {
      setLimit(memoryBytes);
      write(MEMSW, formatLimit(newMemsw));
    }
  }

  @Override
  public long failcnt() throws IOException {
    return parseNumber("memory.failcnt", read("memory.failcnt"));
  }

  public OomControl oomControl() throws IOException {
    return OomControl.parse(read(OomControl.FILE));
  }

  /** Sets {@code oom_kill_disable}: with 1, tasks at the limit sleep in memcg OOM instead of killing. */
  public void setOomKillDisable(boolean disable) throws IOException {
    write(OomControl.FILE, disable ? "1" : "0");
  }
}

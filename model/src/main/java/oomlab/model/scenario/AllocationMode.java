package oomlab.model.scenario;

/**
 * How a task's workload process gets its memory; each mode charges the memcg through a different
 * kernel path, which is the point of having several.
 */
public enum AllocationMode {
  /** Anonymous mmap, then a write to every page: charged page by page in the page fault. */
  TOUCH,
  /** {@code MAP_POPULATE}: charged inside mmap; the workload reports via mincore what arrived. */
  POPULATE,
  /** Anonymous mmap + mlock: unevictable, and the OOM reaper cannot free it (seed 001). */
  MLOCK,
  /** write() to a file on a tmpfs: charged in a syscall, so the charge can fail with ENOMEM. */
  TMPFS;

  public String label() {
    return Labels.of(this);
  }

  static AllocationMode parse(String text) {
    return Labels.parse(AllocationMode.class, text, "an allocation mode");
  }
}

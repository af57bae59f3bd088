package oomlab.controller.vm;

import java.util.List;

/** Which cgroup hierarchy the guest's init sets up, and the kernel arguments that go with it. */
public enum CgroupMode {
  /** The v1 memory controller at /sys/fs/cgroup/memory (and a cgroup2 without memory at unified), as on the host. */
  V1,
  /** cgroup2 at /sys/fs/cgroup with the memory controller enabled for children. */
  V2;

  public static CgroupMode parse(String s) {
    return switch (s.toLowerCase()) {
      case "v1", "1" -> V1;
      case "v2", "2" -> V2;
      default -> throw new IllegalArgumentException("--cgroup must be v1 or v2, not '" + s + "'");
    };
  }

  public String label() {
    return name().toLowerCase();
  }

  /** v2 keeps every v1 controller unbound, so nothing in the guest can claim memory for v1. */
  public List<String> kernelArgs() {
    return this == V2 ? List.of("cgroup_no_v1=all") : List.of();
  }
}

package oomlab.model.scenario;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One memory cgroup of a scenario, created below the run's directory.
 *
 * @param path           relative to the run's root, components separated by {@code /}, e.g. {@code A/B}
 * @param limit          bytes: v1 {@code memory.limit_in_bytes}, v2 {@code memory.max}; empty = unlimited
 * @param oomKillDisable v1 {@code memory.oom_control} = 1 (refused on v2)
 * @param oomGroup       v2 {@code memory.oom.group} = 1 (refused on v1)
 * @param swap           bytes of swap allowed on top of {@code limit}: v1
 *                       {@code memory.memsw.limit_in_bytes = limit + swap}, v2 {@code memory.swap.max};
 *                       empty = left as the kernel's default
 * @param high           v2 {@code memory.high} (throttling, never an OOM kill; refused on v1);
 *                       empty = unset (max)
 */
public record CgroupSpec(String path, OptionalLong limit, boolean oomKillDisable, boolean oomGroup,
             OptionalLong swap, OptionalLong high) {

  public CgroupSpec {
    java.util.Objects.requireNonNull(path, "path");
    java.util.Objects.requireNonNull(limit, "limit");
    java.util.Objects.requireNonNull(swap, "swap");
    java.util.Objects.requireNonNull(high, "high");
  }

  /** A cgroup with only a limit, all knobs at their defaults. */
  public static CgroupSpec limited(String path, long limit) {
    return new CgroupSpec(path, OptionalLong.of(limit), false, false, OptionalLong.empty(), OptionalLong.empty());
  }

  /** The parent's path, or empty when this cgroup sits directly below the run's root. */
  public Optional<String> parent() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(path.substring(0, slash));
  }

  /** True when {@code other} is this cgroup or below it. */
  public boolean contains(String other) {
    return other.equals(path) || other.startsWith(path + "/");
  }
}

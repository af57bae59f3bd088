package oomlab.model.outcome;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The OOM counters of one cgroup at the end of a run, named as in v2 {@code memory.events}. On
 * v1, {@code oom} and {@code oom_kill} come from {@code memory.oom_control} / the notifications and
 * {@code oom_group_kill} is always 0 (v1 has no group kill).
 */
@JsonPropertyOrder({"oom", "oom_kill", "oom_group_kill"})
public record MemoryEventCounts(
    @JsonProperty("oom") long oom,
    @JsonProperty("oom_kill") long oomKill,
    @JsonProperty("oom_group_kill") long oomGroupKill) {

  public static final MemoryEventCounts ZERO = new MemoryEventCounts(0, 0, 0);
}

package oomlab.model.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates the {@code cgroups:} mapping: safe relative paths, parents first, sane limits. */
final class CgroupSection {
  private static final Set<String> KEYS = Set.of("limit", "oomKillDisable", "oomGroup", "swap", "high");
  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /**
   * Names the kernel uses for interface files next to child cgroups: a child cgroup of that name
   * would fail at mkdir (EEXIST) long after validation, so it is refused here.
   */
  private static final Pattern INTERFACE_FILE =
      Pattern.compile("(cgroup|memory|io|cpu|cpuset|pids|hugetlb|rdma|misc|devices|freezer|net_cls|net_prio|perf_event|blkio)\\..*"
          + "|tasks|notify_on_release|release_agent");

  private CgroupSection() {}

  static List<CgroupSpec> parse(String file, YamlObject top) throws ScenarioException {
    Map<String, JsonNode> entries = top.requiredMapping("cgroups");
    if (entries.isEmpty()) throw top.error("cgroups", "at least one cgroup is needed (tasks must run under a limit)");
    Set<String> seen = new HashSet<>();
    List<CgroupSpec> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
      String path = e.getKey();
      String field = top.field("cgroups") + "." + path;
      checkPath(file, field, path);
      CgroupSpec parsed = parseOne(file, field, path, e.getValue());
      String parent = parsed.parent().orElse(null);
      if (parent != null && !seen.contains(parent)) {
        throw new ScenarioException(file, field, "parent \"" + parent + "\" must be listed before it");
      }
      seen.add(path);
      out.add(parsed);
    }
    return out;
  }

  private static void checkPath(String file, String field, String path) throws ScenarioException {
    if (path.startsWith("/")) {
      throw new ScenarioException(file, field, "must be relative to the run's root (no leading /)");
    }
    for (String c : path.split("/", -1)) {
      if (c.isEmpty()) throw new ScenarioException(file, field, "has an empty path component");
      if (c.equals(".") || c.equals("..")) {
        throw new ScenarioException(file, field, "\"" + c + "\" is not allowed in a cgroup path");
      }
      if (!COMPONENT.matcher(c).matches()) {
        throw new ScenarioException(file, field, "component \"" + c + "\" must match [A-Za-z0-9_.-]+ (at most 64 characters)");
      }
      if (INTERFACE_FILE.matcher(c).matches()) {
        throw new ScenarioException(file, field, "component \"" + c + "\" is the name of a cgroup interface file");
      }
    }
  }

  private static CgroupSpec parseOne(String file, String field, String path, JsonNode node) throws ScenarioException {
    if (node == null || node.isNull()) {
      node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    YamlObject o = YamlObject.of(file, field, node);
    o.rejectUnknownKeys(KEYS);
    OptionalLong limit = o.optionalSize("limit", 1);
    boolean oomKillDisable = o.optionalBoolean("oomKillDisable", false);
    boolean oomGroup = o.optionalBoolean("oomGroup", false);
    OptionalLong swap = o.optionalSize("swap", 0);
    OptionalLong high = o.optionalSize("high", 1);
    return new CgroupSpec(path, limit, oomKillDisable, oomGroup, swap, high);
  }
}

package oomlab.agent.cgroup;

import java.util.Arrays;
import java.util.Optional;

/**
 * A process's cgroup membership from {@code /proc/PID/cgroup}: {@code hierarchy-id:controllers:path}
 * lines; v1 hierarchies list their controllers, the cgroup2 line is {@code 0::path}. Pure parser.
 *
 * @param v1Memory path within the v1 memory hierarchy ({@code /process_api/...} on this host)
 * @param v2 path within the cgroup2 hierarchy
 */
public record ProcCgroup(Optional<String> v1Memory, Optional<String> v2) {
  public static ProcCgroup parse(String text) {
    Optional<String> v1 = Optional.empty();
    Optional<String> v2 = Optional.empty();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(":", 3);
      if (f.length != 3) {
        throw new IllegalArgumentException("/proc/PID/cgroup: expected 'id:controllers:path', got '" + line + "'");
      }
      if (f[0].equals("0") && f[1].isEmpty()) {
        v2 = Optional.of(f[2]);
      } else if (Arrays.asList(f[1].split(",")).contains("memory")) {
        v1 = Optional.of(f[2]);
      }
    }
    return new ProcCgroup(v1, v2);
  }
}

package oomlab.agent.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/self/mountinfo} (proc(5)): the fields a cgroup driver needs. Pure parser:
 * {@link #parse(String)} takes the file's text.
 *
 * @param root the mount's root within its filesystem ({@code /} unless bind-mounted or in a cgroup
 *     namespace)
 * @param mountPoint where it is mounted, with the kernel's octal escapes ({@code \040}) undone
 * @param fsType {@code cgroup}, {@code cgroup2}, {@code ext4}, ...
 * @param superOptions per-superblock options; for cgroup v1 they name the controllers ({@code
 *     rw,memory})
 */
public record MountInfo(Path root, Path mountPoint, String fsType, Set<String> superOptions) {

  /** Parses every line; a line without the {@code -} separator or with too few fields is an error. */
  public static List<MountInfo> parse(String text) {
    List<MountInfo> mounts = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      mounts.add(parseLine(line, lineNo));
    }
    return mounts;
  }

  // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
  // (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
  // Field 7 is zero or more optional fields, ended by the lone "-".
  private static MountInfo parseLine(String line, int lineNo) {
    String[] f = line.trim().split(" +");
    int dash = Arrays.asList(f).indexOf("-");
    if (dash < 6 || f.length < dash + 4) {
      throw new IllegalArgumentException(
          "mountinfo line " + lineNo + ": expected 'id parent dev root mountpoint options ... - fstype source superoptions', got: " + line);
    }
    return new MountInfo(
        Path.of(unescape(f[3])),
        Path.of(unescape(f[4])),
        f[dash + 1],
        Set.of(f[dash + 3].split(",")));
  }

  /** The kernel escapes space, tab, newline and backslash as three octal digits ({@code \040}). */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

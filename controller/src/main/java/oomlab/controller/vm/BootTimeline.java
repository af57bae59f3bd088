package oomlab.controller.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When each boot step of a guest happened. Guest steps carry the guest's uptime (exact); host
 * marks carry host milliseconds since QEMU was started (when the host saw them). The guest's
 * clock starts when the kernel starts, so host time minus uptime, at its smallest over the
 * marks, is what QEMU and the firmware took before the kernel ran.
 */
public final class BootTimeline {
  public record Mark(String event, long hostMillis, double guestUptime) {}

  private final List<Mark> marks = new ArrayList<>();

  public synchronized void mark(String event, long hostMillis, double guestUptime) {
    marks.add(new Mark(event, hostMillis, guestUptime));
  }

  public synchronized List<Mark> marks() {
    return List.copyOf(marks);
  }

  public synchronized long hostMillis(String event) {
    return marks.stream().filter(m -> m.event.equals(event)).mapToLong(Mark::hostMillis).findFirst().orElse(-1);
  }

  private double uptime(String event) {
    return marks.stream().filter(m -> m.event.equals(event)).mapToDouble(Mark::guestUptime).findFirst().orElse(-1);
  }

  /** Seconds from QEMU's start to the kernel's first instruction, or -1 before any guest mark. */
  public synchronized double firmwareSeconds() {
    return marks.stream().filter(m -> m.guestUptime >= 0).mapToDouble(m -> m.hostMillis / 1000.0 - m.guestUptime)
        .min().orElse(-1);
  }

  /** Seconds from QEMU's start to a step, from the guest's clock where it has one. */
  public synchronized double at(String event) {
    double up = uptime(event);
    if (up >= 0) {
      return firmwareSeconds() + up;
    }
    long host = hostMillis(event);
    return host < 0 ? -1 : host / 1000.0;
  }

  /**
   * e.g. "qemu+firmware 0.35 s, kernel 2.10 s, modules 0.30 s, mounts 0.05 s, command start at 2.85 s,
   * JVM main at 5.20 s, agent ready at 6.10 s, command done at 9.90 s".
   */
  public synchronized String summary() {
    List<String> parts = new ArrayList<>();
    double fw = firmwareSeconds();
    if (fw >= 0) {
      parts.add(String.format(Locale.ROOT, "qemu+firmware %.2f s", fw));
    }
    step(parts, "kernel", "init", 0);
    step(parts, "modules", "modules", uptime("init"));
    step(parts, "mounts", "mounted", uptime("modules"));
    for (String[] e : new String[][] {{"start", "command start"}, {"jvm", "JVM main"}, {"ready", "agent ready"}, {"exit", "command done"}}) {
      if (at(e[0]) >= 0) {
        parts.add(String.format(Locale.ROOT, "%s at %.2f s", e[1], at(e[0])));
      }
    }
    return String.join(", ", parts);
  }

  private void step(List<String> parts, String label, String event, double since) {
    double up = uptime(event);
    if (up >= 0 && since >= 0) {
      parts.add(String.format(Locale.ROOT, "%s %.2f s", label, up - since));
    }
  }
}

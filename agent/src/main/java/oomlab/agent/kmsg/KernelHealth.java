package oomlab.agent.kmsg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches the kernel's own health over one scenario: opened before it (a /dev/kmsg reader at
 * "now" and the taint mask), {@link #end()} after it reads what the kernel logged meanwhile and
 * the taint again. /dev/kmsg and the taint are kernel-wide: in a guest that is this run alone,
 * on a shared host a problem another program caused shows up too.
 */
public final class KernelHealth implements AutoCloseable {
  public static final Path TAINTED = Path.of("/proc/sys/kernel/tainted");
  /** A report's lines kept after its header: enough for the call trace, not for a flood. */
  static final int MAX_LINES = 60;

  /**
   * What the kernel reported over the scenario.
   *
   * @param taintBefore the taint mask before (-1: unreadable)
   * @param taintAfter the taint mask after (-1: unreadable)
   * @param error why kmsg could not be read, or null
   */
  public record Report(List<KernelProblem> problems, long taintBefore, long taintAfter, String error) {
    public static final Report NONE = new Report(List.of(), 0, 0, null);

    public Report {
      problems = List.copyOf(problems);
    }

    /** The taint flags set during the scenario ("W", "OEW"), or "". */
    public String newTaint() {
      return taintBefore < 0 || taintAfter < 0 ? "" : TaintFlags.letters(taintAfter & ~taintBefore);
    }

    /** Whether the kernel reported a problem or a new taint appeared. */
    public boolean unhealthy() {
      return !problems.isEmpty() || !newTaint().isEmpty();
    }

    /** "warning, lockdep; taint +W" for the scenario's line. */
    public String brief() {
      List<String> kinds = problems.stream().map(p -> p.kind().label()).distinct().toList();
      String taint = newTaint().isEmpty() ? "" : "taint +" + newTaint();
      return String.join("; ", java.util.stream.Stream.of(String.join(", ", kinds), taint).filter(s -> !s.isEmpty()).toList());
    }
  }

  private final KmsgReader reader;
  private final long taintBefore;
  private final String openError;

  private KernelHealth(KmsgReader reader, long taintBefore, String openError) {
    this.reader = reader;
    this.taintBefore = taintBefore;
    this.openError = openError;
  }

  /** Starts watching; a kmsg that cannot be opened is recorded in the report, not thrown. */
  public static KernelHealth begin() {
    long taint = taint();
    try {
      return new KernelHealth(KmsgReader.fromNow(), taint, null);
    } catch (IOException | RuntimeException e) {
      return new KernelHealth(null, taint, "cannot read " + KmsgReader.DEVICE + ": " + e.getMessage());
    }
  }

  /** Reads what was logged since {@link #begin()} and the taint now; closes the reader. */
  public Report end() {
    List<String> messages = new ArrayList<>();
    String error = openError;
    if (reader != null) {
      try {
        for (Optional<KmsgRecord> r = reader.poll(); r.isPresent(); r = reader.poll()) {
          messages.add(r.get().message());
        }
      } catch (IOException | RuntimeException e) {
        error = "reading " + KmsgReader.DEVICE + ": " + e.getMessage();
      } finally {
        reader.close();
      }
    }
    return new Report(problems(messages), taintBefore, taint(), error);
  }

  /** The reports among {@code messages}: each header with the lines after it, to its end marker, the next header or the cap. */
  public static List<KernelProblem> problems(List<String> messages) {
    List<KernelProblem> out = new ArrayList<>();
    KernelProblem.Kind kind = null;
    List<String> lines = new ArrayList<>();
    for (String m : messages) {
      Optional<KernelProblem.Kind> header = KernelProblem.header(m);
      if (header.isPresent()) {
        if (kind != null) out.add(new KernelProblem(kind, lines));
        kind = header.get();
        lines = new ArrayList<>();
        lines.add(m);
        continue;
      }
      if (kind == null) continue;
      if (lines.size() < MAX_LINES) lines.add(m);
      if (KernelProblem.isEnd(m)) {
        out.add(new KernelProblem(kind, lines));
        kind = null;
      }
    }
    if (kind != null) out.add(new KernelProblem(kind, lines));
    return out;
  }

  static long taint() {
    try {
      // One read(2) of the whole value (KernelFile): Files.readString reads a zero-sized proc file
      // one byte first, and a numeric sysctl answers a read at offset 1 with EOF: "12800" read as "1".
      return Long.parseLong(oomlab.agent.io.KernelFile.read(TAINTED).strip());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (reader != null) reader.close();
  }
}

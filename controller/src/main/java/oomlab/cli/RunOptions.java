package oomlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one {@code oomlab run}: parsed from the command line by {@link RunCommand} on the
 * host, or read from an options file by the agent in a guest ({@code GuestMain run-options FILE}),
 * which so runs without a command-line parser: picocli is Java 5 bytecode the JDK's AOT cache
 * cannot hold, and loading it under TCG cost seconds of the guest agent's start.
 *
 * <p>The options file is UTF-8, one {@code key=value} a line, the value running to the end of the
 * line (no quoting, no escapes); empty lines and lines starting with {@code #} are ignored:
 * <pre>
 * input=/abs/scenarios/basic      one line per input, at least one, in order
 * target=local
 * dry-run=false                   true or false
 * cgroup=v2                       optional: absent is the target's default hierarchy
 * design=mainline6                optional, one line per design: none is all designs
 * repeat=1
 * out=/abs/results                optional: absent is ./oomlab-results/TIMESTAMP
 * json=false
 * verbose=false
 * settle=300ms
 * max-states=1000000
 * select=hog-over-limit#2          optional, one line per repetition: only these run (a matrix shard)
 * </pre>
 * Every other key is required and appears once. An unknown key, a repeated one, a missing one or
 * a malformed value makes the file bad input: {@link #read} says which line in one sentence.
 *
 * @param cgroup null for the default hierarchy
 * @param designs null for all designs
 * @param out null for the default results directory
 * @param select null to run every repetition of every scenario; else the {@code SCENARIO#K} to run
 *     (a shard of a matrix: the results directory is laid out as the whole run's)
 */
public record RunOptions(List<Path> inputs, String target, boolean dryRun, String cgroup, List<String> designs, int repeat,
    Path out, boolean json, boolean verbose, String settle, long maxStates, List<String> select) {

  private static final Set<String> KEYS = Set.of("input", "target", "dry-run", "cgroup", "design", "repeat", "out", "json",
      "verbose", "settle", "max-states", "select");
  private static final Set<String> OPTIONAL = Set.of("cgroup", "design", "out", "select");
  private static final Set<String> REPEATED = Set.of("input", "design", "select");

  public RunOptions {
    inputs = List.copyOf(inputs);
    designs = designs == null ? null : List.copyOf(designs);
    select = select == null ? null : List.copyOf(select);
  }

  /** Every repetition of every scenario. */
  public RunOptions(List<Path> inputs, String target, boolean dryRun, String cgroup, List<String> designs, int repeat,
      Path out, boolean json, boolean verbose, String settle, long maxStates) {
    this(inputs, target, dryRun, cgroup, designs, repeat, out, json, verbose, settle, maxStates, null);
  }

  /** The same options running only the repetitions {@code select} names ({@code SCENARIO#K}). */
  public RunOptions selecting(List<String> select) {
    return new RunOptions(inputs, target, dryRun, cgroup, designs, repeat, out, json, verbose, settle, maxStates, select);
  }

  /** The same options with another target, hierarchy, results directory and dry-run flag. */
  public RunOptions retarget(String target, String cgroup, Path out, boolean dryRun) {
    return new RunOptions(inputs, target, dryRun, cgroup, designs, repeat, out, json, verbose, settle, maxStates, select);
  }

  /** The same options with every input an absolute path. */
  public RunOptions absoluteInputs() {
    return new RunOptions(inputs.stream().map(p -> p.toAbsolutePath().normalize()).toList(), target, dryRun, cgroup, designs,
        repeat, out, json, verbose, settle, maxStates, select);
  }

  /** This record in the options file format, which {@link #read} turns back into an equal record. */
  public String toFileText() {
    StringBuilder s = new StringBuilder("# oomlab run options (oomlab.cli.RunOptions)\n");
    inputs.forEach(p -> line(s, "input", p.toString()));
    line(s, "target", target);
    line(s, "dry-run", Boolean.toString(dryRun));
    if (cgroup != null) line(s, "cgroup", cgroup);
    if (designs != null) designs.forEach(d -> line(s, "design", d));
    line(s, "repeat", Integer.toString(repeat));
    if (out != null) line(s, "out", out.toString());
    line(s, "json", Boolean.toString(json));
    line(s, "verbose", Boolean.toString(verbose));
    line(s, "settle", settle);
    line(s, "max-states", Long.toString(maxStates));
    if (select != null) select.forEach(r -> line(s, "select", r));
    return s.toString();
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, toFileText(), StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder s, String key, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(key + ": a line break cannot go into an options file: " + value);
    }
    s.append(key).append('=').append(value).append('\n');
  }

  /**
   * Reads an options file.
   *
   * @throws IllegalArgumentException for a bad file, the message naming file and line
   */
  public static RunOptions read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses options file text; {@code name} is what messages call the file. */
  public static RunOptions parse(String name, String text) {
    Map<String, List<String>> values = new HashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) continue;
      String where = name + ":" + (i + 1) + ": ";
      int eq = line.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException(where + "expected key=value, got: " + line);
      String key = line.substring(0, eq);
      if (!KEYS.contains(key)) throw new IllegalArgumentException(where + "unknown key " + key + " (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      if (values.containsKey(key) && !REPEATED.contains(key)) throw new IllegalArgumentException(where + key + " given twice");
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(eq + 1));
      lineOf.putIfAbsent(key, i + 1);
    }
    for (String key : KEYS) {
      if (!OPTIONAL.contains(key) && !values.containsKey(key)) throw new IllegalArgumentException(name + ": missing key " + key);
    }
    Values v = new Values(name, values, lineOf);
    List<Path> inputs = new ArrayList<>();
    for (String p : values.get("input")) {
      if (p.isEmpty()) throw new IllegalArgumentException(v.where("input") + "input: empty path");
      inputs.add(Path.of(p));
    }
    return new RunOptions(inputs, v.text("target"), v.bool("dry-run"), v.optional("cgroup"), values.get("design"),
        (int) v.number("repeat", Integer.MIN_VALUE, Integer.MAX_VALUE), v.optional("out") == null ? null : Path.of(v.optional("out")),
        v.bool("json"), v.bool("verbose"), v.text("settle"), v.number("max-states", Long.MIN_VALUE, Long.MAX_VALUE),
        values.get("select"));
  }

  private record Values(String name, Map<String, List<String>> values, Map<String, Integer> lineOf) {
    String where(String key) {
      return name + ":" + lineOf.get(key) + ": ";
    }

    String optional(String key) {
      List<String> v = values.get(key);
      if (v == null) return null;
      if (v.getFirst().isEmpty()) throw new IllegalArgumentException(where(key) + key + ": empty value");
      return v.getFirst();
    }

    String text(String key) {
      return optional(key);
    }

    boolean bool(String key) {
      String v = text(key);
      if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException(where(key) + key + ": expected true or false, got " + v);
      return v.equals("true");
    }

    long number(String key, long min, long max) {
      String v = text(key);
      try {
        long n = Long.parseLong(v);
        if (n < min || n > max) throw new NumberFormatException();
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where(key) + key + ": expected a whole number, got " + v);
      }
    }
  }
}

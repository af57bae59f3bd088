package oomlab.model.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario YAML (DESIGN section 3) into a validated {@link Scenario}. The YAML is read as a
 * tree and checked by hand, not bound to classes, so that every problem is reported as one line
 * {@code FILE: FIELD: PROBLEM}. Pure: nothing on the system is touched.
 */
public final class ScenarioLoader {
  private static final Set<String> TOP_KEYS =
      Set.of("name", "description", "cgroup", "cgroups", "tasks", "handlers", "expect", "timeout");
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9-]{1,64}");

  private ScenarioLoader() {}

  /** Loads one scenario file; the file is named in messages as given. */
  public static Scenario load(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), "(file)", "cannot read: " + ioProblem(e));
    }
    return parse(file.toString(), text);
  }

  /**
   * Loads a suite: every {@code *.yaml} file directly in {@code dir}, sorted by file name.
   * Scenario names must be unique in the suite.
   */
  public static List<Scenario> loadSuite(Path dir) throws ScenarioException {
    return loadFiles(suiteFiles(dir));
  }

  /**
   * Loads what a command line names: each path a scenario file or a suite directory, in the
   * order given. Names must be unique over all of them (results are stored per name).
   */
  public static List<Scenario> loadAll(List<Path> paths) throws ScenarioException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        files.addAll(suiteFiles(p));
      } else {
        files.add(p);
      }
    }
    return loadFiles(files);
  }

  /** The suite's {@code *.yaml} files sorted by name; none is an error (a mistyped directory). */
  private static List<Path> suiteFiles(Path dir) throws ScenarioException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new ScenarioException(dir.toString(), "(suite)", "cannot list: " + ioProblem(e));
    }
    if (files.isEmpty()) throw new ScenarioException(dir.toString(), "(suite)", "no *.yaml scenario files");
    return files;
  }

  private static List<Scenario> loadFiles(List<Path> files) throws ScenarioException {
    Map<String, Path> seen = new HashMap<>();
    List<Scenario> out = new ArrayList<>();
    for (Path f : files) {
      Scenario s = load(f);
      Path earlier = seen.putIfAbsent(s.name(), f);
      if (earlier != null) {
        throw new ScenarioException(f.toString(), "name", "\"" + s.name() + "\" is also the name of " + earlier);
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** Parses YAML text; {@code file} is how messages name it. */
  public static Scenario parse(String file, String yamlText) throws ScenarioException {
    JsonNode root;
    try {
      root = YamlTree.read(yamlText);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "(yaml)" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new ScenarioException(file, where, firstLine(e.getOriginalMessage()));
    } catch (IOException e) { // text in memory: only the parser's own exceptions above can happen
      throw new ScenarioException(file, "(yaml)", firstLine(e.getMessage()));
    }
    YamlObject top = YamlObject.of(file, "", root);
    top.rejectUnknownKeys(TOP_KEYS);

    String name = top.requiredString("name");
    if (!NAME.matcher(name).matches()) {
      throw top.error("name", "\"" + name + "\" must match [a-z0-9-]+ (at most 64 characters)");
    }
    String description = top.optionalString("description").orElse("");
    CgroupMode mode = top.optionalParsed("cgroup", CgroupMode::parse).orElse(CgroupMode.ANY);
    List<CgroupSpec> cgroups = CgroupSection.parse(file, top);
    List<TaskSpec> tasks = TaskSection.parse(file, top, cgroups);
    List<Handler> handlers = HandlerSection.parse(file, top, cgroups, tasks);
    Optional<Expect> expect = ExpectSection.parse(file, top, tasks, handlers);
    Duration timeout = top.optionalParsed("timeout", Durations::parse).orElse(Scenario.DEFAULT_TIMEOUT);
    return new Scenario(name, description, mode, cgroups, tasks, handlers, expect, timeout);
  }

  /** The problem of an I/O failure in words, without the path the message already starts with. */
  private static String ioProblem(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NotDirectoryException) return "not a directory";
    return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) return "not valid YAML";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}

package oomlab.model.scenario;

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

  /**
   * Loads one scenario file; the file is named in messages as given. Only a regular file of at
   * most 1 MiB of UTF-8 text is read ({@link ScenarioText}).
   */
  public static Scenario load(Path file) throws ScenarioException {
    return parse(file.toString(), ScenarioText.read(file));
  }

  /** A loaded scenario and the file it came from (messages about it name the file). */
  public record Loaded(Path file, Scenario scenario) {}

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
    return loadAllWithFiles(paths).stream().map(Loaded::scenario).toList();
  }

  /** {@link #loadAll}, each scenario with its file. */
  public static List<Loaded> loadAllWithFiles(List<Path> paths) throws ScenarioException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        files.addAll(suiteFiles(p));
      } else {
        files.add(p);
      }
    }
    return loadFilesWithNames(files);
  }

  /** The suite's {@code *.yaml} files sorted by name; none is an error (a mistyped directory). */
  private static List<Path> suiteFiles(Path dir) throws ScenarioException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new ScenarioException(dir.toString(), "(suite)", "cannot list: " + ScenarioText.ioProblem(e));
    }
    if (files.isEmpty()) throw new ScenarioException(dir.toString(), "(suite)", "no *.yaml scenario files");
    return files;
  }

  private static List<Scenario> loadFiles(List<Path> files) throws ScenarioException {
    return loadFilesWithNames(files).stream().map(Loaded::scenario).toList();
  }

  private static List<Loaded> loadFilesWithNames(List<Path> files) throws ScenarioException {
    Map<String, Path> seen = new HashMap<>();
    List<Loaded> out = new ArrayList<>();
    for (Path f : files) {
      Scenario s = load(f);
      Path earlier = seen.putIfAbsent(s.name(), f);
      if (earlier != null) {
        throw new ScenarioException(f.toString(), "name", "\"" + s.name() + "\" is also the name of " + earlier);
      }
      out.add(new Loaded(f, s));
    }
    return List.copyOf(out);
  }

  /** Parses YAML text; {@code file} is how messages name it. */
  public static Scenario parse(String file, String yamlText) throws ScenarioException {
    ScenarioText.check(file, yamlText);
    JsonNode root;
    try {
      root = YamlTree.read(yamlText);
    } catch (YamlTree.Problem p) {
      // FILE: FIELD: line L, column C: PROBLEM, or FILE: line L, column C: PROBLEM above any field
      throw p.field.isEmpty() ? new ScenarioException(file, p.location(), p.problem)
          : new ScenarioException(file, p.field, p.location() + ": " + p.problem);
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
    if (cgroups.size() > Scenario.MAX_CGROUPS) {
      throw top.error("cgroups", cgroups.size() + " cgroups, more than the " + Scenario.MAX_CGROUPS + " the model handles");
    }
    List<TaskSpec> tasks = TaskSection.parse(file, top, cgroups);
    if (tasks.size() > Scenario.MAX_TASKS) {
      throw top.error("tasks", tasks.size() + " tasks, more than the " + Scenario.MAX_TASKS + " the model handles");
    }
    List<Handler> handlers = HandlerSection.parse(file, top, cgroups, tasks);
    if (handlers.size() > Scenario.MAX_HANDLERS) {
      throw top.error("handlers", handlers.size() + " handlers, more than the " + Scenario.MAX_HANDLERS + " the model handles");
    }
    Optional<Expect> expect = ExpectSection.parse(file, top, tasks, handlers);
    Duration timeout = top.optionalParsed("timeout", Durations::parse).orElse(Scenario.DEFAULT_TIMEOUT);
    return new Scenario(name, description, mode, cgroups, tasks, handlers, expect, timeout);
  }
}

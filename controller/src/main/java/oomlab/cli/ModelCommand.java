package oomlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import oomlab.model.check.AllowedOutcomes;
import oomlab.model.check.Conformance;
import oomlab.model.check.Invariant;
import oomlab.model.check.ModelChecker;
import oomlab.model.check.Violation;
import oomlab.model.design.Designs;
import oomlab.model.design.MemcgModel;
import oomlab.model.explore.ModelScenarios;
import oomlab.model.explore.Search;
import oomlab.model.scenario.CgroupMode;
import oomlab.model.scenario.CgroupVersion;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.ScenarioException;
import oomlab.model.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oomlab model check|outcomes}: the reference model on one scenario, no kernel involved. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Explores a scenario under one of the model's memcg OOM designs: "
        + "Designs: kamezawa2010, kamezawa2010-fixed, oomlock3x, davydov2015, hocko2018, mainline-5.10, "
        + "mainline-6.1 (also mainline6), mainline-6.12, mainline-7.2.",
    subcommands = {CommandLine.HelpCommand.class, ModelCommand.Check.class, ModelCommand.Outcomes.class})
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options both subcommands take. */
  static class Common {
    @Option(names = "--design", required = true, paramLabel = "NAME", description = "Design to explore.")
    String design;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario YAML file.")
    Path scenario;

    @Option(names = "--max-states", paramLabel = "N", converter = OptionValues.MaxStates.class, defaultValue = "" + Conformance.DEFAULT_MAX_STATES,
        description = "Bound on distinct states (default ${DEFAULT-VALUE}); hitting it makes the answer unknown.")
    long maxStates;

    @Option(names = "--max-depth", paramLabel = "STEPS", converter = OptionValues.MaxDepth.class,
        description = "Bounded-depth search: expand only states fewer than STEPS steps from the start; what it did not "
            + "cover is printed, and the answer is unknown unless nothing was left.")
    Integer maxDepth;

    @Option(names = "--threads", paramLabel = "N", converter = OptionValues.Threads.class,
        description = "Threads expanding states (default: the machine's processors, at most 4); the result is the same "
            + "for every N.")
    Integer threads;

    @Option(names = "--no-symmetry",
        description = "Explore every state, not one per orbit of interchangeable tasks (for comparisons).")
    boolean noSymmetry;

    /** The search the options ask for. */
    Search search() {
      int n = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
      return new Search(maxStates, maxDepth != null ? maxDepth : Search.UNBOUNDED, n);
    }

    @Option(names = "--cgroup", paramLabel = "v1|v2",
        description = "Hierarchy whose semantics to model (events, notifications, oom.group); default: v1 unless the scenario is v2 only.")
    String cgroup;

    /** The bound design, or a printed one-line error and null. */
    MemcgModel load(PrintWriter err) {
      if (!Designs.exists(design)) {
        err.println("oomlab model: --design: unknown design " + design + " (known: " + Designs.known() + ")");
        return null;
      }
      Scenario sc;
      try {
        sc = ScenarioLoader.load(scenario);
      } catch (ScenarioException e) {
        err.println("oomlab model: " + e.getMessage());
        return null;
      }
      CgroupVersion v;
      try {
        v = cgroup != null ? CgroupVersion.parse(cgroup) : sc.cgroupMode() == CgroupMode.V2 ? CgroupVersion.V2 : CgroupVersion.V1;
      } catch (IllegalArgumentException e) {
        err.println("oomlab model: --cgroup: " + e.getMessage());
        return null;
      }
      var refusal = sc.refusalOn(v);
      if (refusal.isPresent()) {
        err.println("oomlab model: " + scenario + ": " + refusal.get());
        return null;
      }
      MemcgModel m = Designs.create(design, ModelScenarios.from(sc, v));
      return noSymmetry ? m.withoutSymmetry() : m;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
          "Explores every interleaving of SCENARIO under the design and checks the invariants:",
          "oom-exclusion, no-lost-wakeup, no-deadlock, no-overkill, limit-respected, progress.",
          "Exit 0: none of the checked invariants is violated; 1: a violation, with its",
          "counterexample; 2: bad input; 5: the state bound was hit before a violation was found."},
      footer = {"", "Examples:",
          "  oomlab model check --design kamezawa2010 scenarios/basic/05-hierarchy.yaml",
          "  oomlab model check --design mainline6 --invariants progress,limit-respected scenarios/basic/11-no-eligible-victim.yaml"})
  static final class Check implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Option(names = "--invariants", paramLabel = "LIST", description = "Comma-separated invariants to check (default: all).")
    String invariants;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Set<Invariant> which;
      try {
        which = Invariant.parseList(invariants);
      } catch (IllegalArgumentException e) {
        err.println("oomlab model check: --invariants: " + e.getMessage());
        return Oomlab.EXIT_BAD_INPUT;
      }
      MemcgModel model = common.load(err);
      if (model == null) return Oomlab.EXIT_BAD_INPUT;
      var r = ModelChecker.check(model, which, common.search());
      var ex = r.exploration();
      out.printf(Locale.ROOT, "%s under %s (cgroup v%d): %d transitions, %s%n",
          model.scenario().name(), model.name(), model.scenario().cgroupVersion(), ex.transitions(), ex.coverage());
      for (Invariant i : Invariant.values()) {
        if (!which.contains(i)) continue;
        Violation v = r.violations().get(i);
        if (v == null) {
          out.printf("%-16s %s%n", i.label(), ex.complete() ? "holds" : "unknown (no violation found before the bound)");
        } else {
          out.printf("%-16s VIOLATED%n", i.label());
        }
      }
      for (Violation v : r.violations().values()) {
        out.println();
        out.print(v.render());
      }
      out.flush();
      if (!r.violations().isEmpty()) return Oomlab.EXIT_EXPECT_FAILED;
      return ex.complete() ? Oomlab.EXIT_OK : Oomlab.EXIT_TIMEOUT;
    }
  }

  @Command(
      name = "outcomes",
      mixinStandardHelpOptions = true,
      description = {
          "Lists every outcome the design allows for SCENARIO, jcstress style: the outcome, how",
          "many final states reach it, and which final-state invariants hold in all of them."},
      footer = {"", "Examples:",
          "  oomlab model outcomes --design mainline6 scenarios/basic/10-mlocked-victim.yaml",
          "  oomlab model outcomes --design davydov2015 --json scenarios/basic/05-hierarchy.yaml"})
  static final class Outcomes implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--witness", description = "Print, under each outcome, the model steps that reach it.")
    boolean witness;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      MemcgModel model = common.load(spec.commandLine().getErr());
      if (model == null) return Oomlab.EXIT_BAD_INPUT;
      AllowedOutcomes allowed = AllowedOutcomes.explore(model, common.search());
      var sc = model.scenario();
      List<String> memcgs = sc.memcgs().stream().map(m -> m.path()).toList();
      CgroupVersion v = sc.cgroupVersion() == 2 ? CgroupVersion.V2 : CgroupVersion.V1;
      if (json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : allowed.entries()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("outcome", e.outcome().toOutcome(sc.name(), model.name(), v, memcgs));
          row.put("finalStates", e.finalStates());
          row.put("holds", e.holds().stream().map(Invariant::label).toList());
          row.put("witness", allowed.witness(e));
          rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", sc.name());
        doc.put("design", model.name());
        doc.put("cgroupVersion", v);
        doc.put("complete", allowed.complete());
        doc.put("states", allowed.exploration().states());
        doc.put("coverage", allowed.exploration().coverage());
        doc.put("interchangeable", allowed.interchangeable());
        doc.put("outcomes", rows);
        ObjectMapper m = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        out.println(m.writeValueAsString(doc));
        out.flush();
        return allowed.complete() ? Oomlab.EXIT_OK : Oomlab.EXIT_TIMEOUT;
      }
      out.printf(Locale.ROOT, "%s under %s (cgroup %s): %d outcomes%s; %s%n", sc.name(), model.name(), v,
          allowed.entries().size(), allowed.complete() ? "" : " (there may be more)",
          allowed.exploration().coverage());
      for (List<String> c : allowed.interchangeable()) {
        out.println("interchangeable: " + String.join(", ", c) + " (each outcome stands for its renamings among them;"
            + " final states count one per orbit)");
      }
      List<Invariant> cols = new ArrayList<>(AllowedOutcomes.FINAL_STATE_INVARIANTS);
      StringBuilder h = new StringBuilder(String.format("%12s  ", "final states"));
      for (Invariant i : cols) h.append(String.format("%-16s", i.label()));
      h.append("outcome");
      out.println(h);
      for (var e : allowed.entries()) {
        StringBuilder b = new StringBuilder(String.format("%12d  ", e.finalStates()));
        for (Invariant i : cols) b.append(String.format("%-16s", e.holds().contains(i) ? "holds" : "VIOLATED"));
        b.append(e.outcome().summary());
        out.println(b);
        if (witness) for (String line : allowed.witness(e)) out.println("      " + line);
      }
      out.flush();
      return allowed.complete() ? Oomlab.EXIT_OK : Oomlab.EXIT_TIMEOUT;
    }
  }
}

package oomlab.agent.oomreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oomlab.agent.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reports captured from oomlab's own guests (src/test/resources/oomreport/guest/: one boot per
 * kernel and cgroup mode running scenarios/basic, and scenarios/v2 on v2), held against the truth
 * of the same run's trace: the parser must name exactly the tasks the agent saw the kernel kill,
 * and its badness ranking must put the kernel's victim first or name the reason it does not.
 */
class GuestReportsTest {
  record Truth(Map<String, Map<Long, String>> tasksByScenario, Map<String, Set<Long>> killed) {}

  static Truth truth(String name) {
    Map<String, Map<Long, String>> tasks = new LinkedHashMap<>();
    Map<String, Set<Long>> killed = new LinkedHashMap<>();
    for (String line : Fixtures.read("oomreport/guest/" + name + ".truth.tsv").split("\n")) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] f = line.split("\t");
      tasks.computeIfAbsent(f[0], k -> new HashMap<>()).put(Long.parseLong(f[2]), f[1]);
      Set<Long> k = killed.computeIfAbsent(f[0], x -> new HashSet<>());
      if (f[3].equals("killed")) k.add(Long.parseLong(f[2]));
    }
    return new Truth(tasks, killed);
  }

  /** The scenario an event belongs to: its memcg path names the run directory {@code .SCENARIO-N}, else its victim's pid. */
  static String scenarioOf(OomReport e, Truth t) {
    for (String sc : t.tasksByScenario().keySet()) {
      String tag = "." + sc + "-";
      if (e.oomMemcg() != null && e.oomMemcg().contains(tag)) return sc;
      if (e.kills().stream().anyMatch(k -> k.oomMemcg() != null && k.oomMemcg().contains(tag))) return sc;
    }
    for (var en : t.tasksByScenario().entrySet()) {
      if (e.victim() != null && en.getValue().containsKey(e.victim().pid())) return en.getKey();
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"5.10-v1", "5.10-v2", "6.1-v1", "6.1-v2", "6.12-v2", "7.2-v2"})
  void namesExactlyTheTasksTheTraceShowsKilledAndRanksTheVictimFirst(String name) {
    Truth truth = truth(name);
    List<OomReport> events = new ArrayList<>();
    var parser = new OomReportParser(events::add);
    for (String line : Fixtures.read("oomreport/guest/" + name + ".kmsg").split("\n")) parser.acceptLine(line);
    parser.finish();
    Map<String, Set<Long>> named = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (OomReport e : events) {
      String sc = scenarioOf(e, truth);
      if (sc == null) continue; // another guest process's OOM: none are expected, the truth has no task for it
      Set<Long> n = named.computeIfAbsent(sc, x -> new HashSet<>());
      e.kills().forEach(k -> n.add(e.processOf(k)));
      BadnessRanking r = BadnessRanking.of(e);
      if (r != null) r.sharers().forEach(s -> n.add(s.pid()));
      if (r != null && e.victim() != null && !e.victim().groupMember() && !r.victimTops()) {
        problems.add(sc + ": victim " + e.victim().pid() + " not first: " + r.reason());
      }
    }
    for (String sc : truth.killed().keySet()) {
      assertThat(named.getOrDefault(sc, Set.of())).as(name + " " + sc).containsExactlyInAnyOrderElementsOf(truth.killed().get(sc));
    }
    assertThat(problems).as(name).isEmpty();
  }
}

package oomlab.model.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeJsonTest {

  private static Outcome sample() {
    Map<String, Integer> notifications = new LinkedHashMap<>();
    notifications.put("B", 1);
    notifications.put("A", 2);
    return new Outcome("hog-over-limit", "6.1.0-40-amd64", CgroupVersion.V2,
        List.of("small", "big", "big"), List.of("small", "big"), List.of("c"), List.of(), List.of("c"),
        notifications,
        Map.of("A/B", new MemoryEventCounts(2, 1, 0), "A", new MemoryEventCounts(3, 2, 1)),
        Map.of("A", false), Map.of("A", true, "A/B", false));
  }

  @Test
  void writesSortedSetsAndMapsInAFixedKeyOrder() {
    assertThat(OutcomeJson.toJson(sample())).isEqualTo("""
            {
              "scenario" : "hog-over-limit",
              "kernel" : "6.1.0-40-amd64",
              "cgroupVersion" : "v2",
              "killed" : [ "big", "small" ],
              "killOrder" : [ "small", "big" ],
              "survived" : [ "c" ],
              "blocked" : [ ],
              "enomem" : [ "c" ],
              "notifications" : {
                "A" : 2,
                "B" : 1
              },
              "events" : {
                "A" : {
                  "oom" : 3,
                  "oom_kill" : 2,
                  "oom_group_kill" : 1
                },
                "A/B" : {
                  "oom" : 2,
                  "oom_kill" : 1,
                  "oom_group_kill" : 0
                }
              },
              "overcharged" : {
                "A" : false
              },
              "underOomSeen" : {
                "A" : true,
                "A/B" : false
              }
            }
            """);
  }

  @Test
  void outcomeRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("outcome.json");
    OutcomeJson.writeOutcome(file, sample());

    Outcome back = OutcomeJson.readOutcome(file);

    assertThat(back).isEqualTo(sample());
    assertThat(back.killOrder()).containsExactly("small", "big");
    assertThat(back.comparedFields()).containsOnlyKeys("killed", "killOrder", "survived", "blocked", "enomem",
        "notifications", "events", "overcharged", "underOomSeen", "handlers");
  }

  @Test
  void limitWriteResultsAreWrittenByHandlerIndexAndReadBack() throws Exception {
    Outcome o = new Outcome("s", "6.18.0", CgroupVersion.V1, List.of(), List.of(), List.of("a"), List.of(),
        List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(10, "ok", 2, "EBUSY"));

    String json = OutcomeJson.toJson(o);

    assertThat(json).contains("""
              "handlers" : {
                "2" : "EBUSY",
                "10" : "ok"
              }
            """);
    assertThat(OutcomeJson.outcomeFromJson(json)).isEqualTo(o);
    assertThat(OutcomeJson.outcomeFromJson(json).handlers()).containsEntry(2, "EBUSY");
  }

  @Test
  void anOutcomeWithoutLimitWritesHasNoHandlersKey() {
    assertThat(OutcomeJson.toJson(sample())).doesNotContain("handlers");
  }

  @Test
  void refusesUnknownKeysAndVersions() {
    String json = OutcomeJson.toJson(sample());

    assertThatThrownBy(() -> OutcomeJson.outcomeFromJson(json.replace("\"killed\"", "\"kiled\"")))
        .hasMessageContaining("kiled");
    assertThatThrownBy(() -> OutcomeJson.outcomeFromJson(json.replace("\"v2\"", "\"v3\"")))
        .hasMessageContaining("v3");
  }

  @Test
  void aTaskHasOneFate() {
    assertThatThrownBy(() -> new Outcome("s", "k", CgroupVersion.V1, List.of("a"), List.of("a"), List.of(),
        List.of("a"), List.of(), Map.of(), Map.of(), Map.of(), Map.of()))
        .hasMessage("task a is both killed and blocked");
  }

  @Test
  void missingCollectionsReadAsEmpty() throws Exception {
    Outcome o = OutcomeJson.outcomeFromJson("""
            {"scenario": "s", "kernel": "k", "cgroupVersion": "v1"}""");

    assertThat(o.killed()).isEmpty();
    assertThat(o.events()).isEmpty();
  }

  @Test
  void verdictsRoundTripWithLowercaseVerdicts(@TempDir Path dir) throws Exception {
    List<Verdict> verdicts = List.of(
        new Verdict("kamezawa2010", VerdictKind.DIVERGES, 1234, 3,
            List.of(new Verdict.Difference("killed", "[\"big\",\"small\"]", "[\"big\"]")),
            List.of("1. big: try_charge A/B fails", "2. big: mem_cgroup_oom_lock(A/B) -> true")),
        new Verdict("mainline6", VerdictKind.CONFORMS, 99, 2, List.of(), List.of()),
        new Verdict("oomlock3x", VerdictKind.UNKNOWN, 100000, 7, List.of(), List.of()));
    Path file = dir.resolve("verdicts.json");

    OutcomeJson.writeVerdicts(file, verdicts);

    assertThat(OutcomeJson.readVerdicts(file)).isEqualTo(verdicts);
    assertThat(OutcomeJson.toJson(verdicts))
        .contains("\"verdict\" : \"diverges\"", "\"verdict\" : \"conforms\"", "\"verdict\" : \"unknown\"")
        .contains("\"differences\" : [ {\n    \"field\" : \"killed\",");
  }
}

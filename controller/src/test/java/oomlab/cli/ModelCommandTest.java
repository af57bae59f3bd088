package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ModelCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cl = Oomlab.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void checkExitsZeroWhenEveryInvariantHolds() {
    assertThat(run("model", "check", "--design", "mainline6", "../scenarios/basic/01-hog-over-limit.yaml")).isEqualTo(0);
    assertThat(out.toString()).contains("explored exhaustively").contains("progress         holds");
  }

  @Test
  void checkExitsOneWithTheCounterexampleOfAViolation() {
    assertThat(run("model", "check", "--design", "mainline6", "--invariants", "progress",
        "../scenarios/basic/11-no-eligible-victim.yaml")).isEqualTo(1);
    assertThat(out.toString()).contains("progress         VIOLATED").contains("then forever:")
        .contains("select_bad_process finds no victim");
  }

  @Test
  void unknownDesignOrInvariantIsBadInput() {
    assertThat(run("model", "check", "--design", "linux2", "../scenarios/basic/01-hog-over-limit.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown design linux2").contains("mainline6");
    assertThat(run("model", "check", "--design", "mainline6", "--invariants", "safety",
        "../scenarios/basic/01-hog-over-limit.yaml")).isEqualTo(2);
    assertThat(run("model", "outcomes", "--design", "mainline6", "no-such-file.yaml")).isEqualTo(2);
  }

  @Test
  void outcomesPrintsOneRowPerAllowedOutcome() {
    assertThat(run("model", "outcomes", "--design", "mainline6", "../scenarios/basic/10-mlocked-victim.yaml")).isEqualTo(0);
    assertThat(out.toString()).contains("killed=[locked, grower]").contains("killed=[locked] survived=[grower]");
  }

  @Test
  void interchangeableRacersAreListedOncePerRenaming() {
    assertThat(run("model", "outcomes", "--design", "kamezawa2010-fixed", "../scenarios/race/01-three-in-one-memcg.yaml"))
        .isEqualTo(0);
    assertThat(out.toString()).contains("explored exhaustively").contains("one per orbit of [[x, y, z]]")
        .contains("interchangeable: x, y, z");
  }

  @Test
  void aBoundedDepthSearchSaysWhatItDidNotCoverAndIsUnknown() {
    assertThat(run("model", "outcomes", "--design", "mainline6", "--max-depth", "5", "--threads", "2",
        "../scenarios/race/01-three-in-one-memcg.yaml")).isEqualTo(5);
    assertThat(out.toString()).contains("stopped: the bound on depth was hit (--max-depth 5)")
        .contains("every run of fewer than 5 steps was explored").contains("not covered");
    assertThat(run("model", "check", "--design", "mainline6", "--threads", "0",
        "../scenarios/race/01-three-in-one-memcg.yaml")).isEqualTo(2);
  }

  @Test
  void outcomesJsonCarriesWitnesses() {
    assertThat(run("model", "outcomes", "--design", "davydov2015", "--json", "../scenarios/basic/05-hierarchy.yaml")).isEqualTo(0);
    assertThat(out.toString()).contains("\"design\" : \"davydov2015\"").contains("\"witness\"").contains("oom_trylock(P)");
  }
}

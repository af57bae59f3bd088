package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oomlab.model.outcome.Verdict;
import oomlab.model.outcome.VerdictKind;
import org.junit.jupiter.api.Test;

/** The era design leads: chosen from the kernel release, first among the designs, first on the line. */
class ModelVerdictsTest {
  @Test
  void theEraDesignOfTheRunningKernelLeadsTheDesignsJudged() {
    assertThat(ModelVerdicts.eraDesign("6.18.44-fc-v1252")).isEqualTo("mainline-6.12");
    assertThat(ModelVerdicts.designsFor("mainline-6.12", null))
        .containsExactly("mainline-6.12", "hocko2018", "davydov2015", "oomlock3x", "kamezawa2010-fixed", "kamezawa2010");
    // asked designs keep their names; the era design is put first, or added when not asked for
    assertThat(ModelVerdicts.designsFor("mainline-6.1", List.of("hocko2018", "mainline6")))
        .containsExactly("mainline6", "hocko2018");
    assertThat(ModelVerdicts.designsFor("mainline-7.2", List.of("mainline6"))).containsExactly("mainline-7.2", "mainline6");
  }

  @Test
  void theLineLeadsWithTheEraVerdictAndAnErrorCarriesItsMessage() {
    List<Verdict> verdicts = List.of(
        new Verdict("mainline-6.12", VerdictKind.CONFORMS, 10, 2, List.of(), List.of()),
        Verdict.error("oomlock3x", "ArrayIndexOutOfBoundsException: Index 226 out of bounds for length 45"),
        new Verdict("kamezawa2010", VerdictKind.NOT_COMPARABLE, 0, 0, List.of(), List.of(), List.of(), "no oom.group"));
    assertThat(OutcomeText.verdicts(verdicts, "mainline-6.12")).isEqualTo("mainline-6.12 conforms; older designs: "
        + "oomlock3x=error (ArrayIndexOutOfBoundsException: Index 226 out of bounds for length 45) kamezawa2010=not comparable");
    assertThat(OutcomeText.verdicts(verdicts, null)).startsWith("verdicts mainline-6.12=conforms oomlock3x=error (");
  }
}

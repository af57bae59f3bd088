package oomlab.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
  static final YAMLMapper MAPPER = new YAMLMapper();

  @Test
  void buildsTheTreeYamlMapperWouldForEveryKindOfScalar() throws Exception {
    String yaml = """
        name: x
        count: 3
        big: 12345678901
        huge: 123456789012345678901234567890
        ratio: 0.5
        on: true
        off: false
        nothing: null
        tilde: ~
        quoted: "12"
        nested: {a: [1, two, {b: 2M}], empty: [], none: {}}
        """;
    assertThat(YamlTree.read(yaml)).isEqualTo(MAPPER.readTree(yaml));
  }

  @Test
  void everyShippedScenarioReadsAsYamlMapperReadsIt() throws Exception {
    try (Stream<Path> files = Files.walk(Path.of("..", "scenarios"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        String text = Files.readString(f);
        assertThat(YamlTree.read(text)).as(f.toString()).isEqualTo(MAPPER.readTree(text));
      }
    }
  }

  @Test
  void anEmptyDocumentIsMissing() throws Exception {
    assertThat(YamlTree.read("").isMissingNode()).isTrue();
  }

  @Test
  void aDuplicateKeyIsRefusedWithItsLocation() {
    assertThatThrownBy(() -> YamlTree.read("name: a\ntasks: []\nname: b\n")).isInstanceOf(YamlTree.Problem.class)
        .satisfies(e -> assertThat(((YamlTree.Problem) e).line).isEqualTo(3))
        .satisfies(e -> assertThat(((YamlTree.Problem) e).field).isEqualTo("name"))
        .hasMessage("name: line 3, column 1: given twice (first at line 1)");
  }
}

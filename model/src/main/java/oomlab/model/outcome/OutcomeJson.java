package oomlab.model.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code outcome.json} and {@code verdicts.json}. Output is deterministic (fixed
 * key order, maps sorted, two-space indent, final newline) so result files diff cleanly; input
 * with an unknown key is refused, since it means the file was written by another format version.
 */
public final class OutcomeJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private static final TypeReference<List<Verdict>> VERDICTS = new TypeReference<>() {};

  private OutcomeJson() {}

  public static String toJson(Outcome outcome) {
    return write(outcome);
  }

  public static Outcome outcomeFromJson(String json) throws IOException {
    return MAPPER.readValue(json, Outcome.class);
  }

  public static void writeOutcome(Path file, Outcome outcome) throws IOException {
    Files.writeString(file, toJson(outcome));
  }

  public static Outcome readOutcome(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Outcome.class);
  }

  public static String toJson(List<Verdict> verdicts) {
    return write(verdicts);
  }

  public static List<Verdict> verdictsFromJson(String json) throws IOException {
    return List.copyOf(MAPPER.readValue(json, VERDICTS));
  }

  public static void writeVerdicts(Path file, List<Verdict> verdicts) throws IOException {
    Files.writeString(file, toJson(verdicts));
  }

  public static List<Verdict> readVerdicts(Path file) throws IOException {
    return List.copyOf(MAPPER.readValue(file.toFile(), VERDICTS));
  }

  private static String write(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("records of this package always serialize", e);
    }
  }
}

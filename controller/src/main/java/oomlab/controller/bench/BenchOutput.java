package oomlab.controller.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a benchmark's figures to {@code --out}: {@code bench-<name>.txt} as printed and {@code bench-<name>.json}. */
public final class BenchOutput {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private BenchOutput() {}

  public static void write(Path dir, String name, String text, Object result) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bench-" + name + ".txt"), text);
    Files.writeString(dir.resolve("bench-" + name + ".json"), JSON.writeValueAsString(result) + "\n");
  }
}

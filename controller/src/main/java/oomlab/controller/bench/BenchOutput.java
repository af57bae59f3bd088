package oomlab.controller.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a benchmark's figures to {@code --out}: {@code bench-<name>.txt} as printed,
 * {@code bench-<name>.json}, and {@code bench-<name>.kcidb.json}, the figures as KCIDB tests with
 * {@code number} (see {@link oomlab.controller.format.Kcidb#bench}).
 */
public final class BenchOutput {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private BenchOutput() {}

  public static void write(Path dir, String name, String text, Object result) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bench-" + name + ".txt"), text);
    Files.writeString(dir.resolve("bench-" + name + ".json"), JSON.writeValueAsString(result) + "\n");
    String runId = oomlab.controller.format.RunResults.runId(dir);
    Files.writeString(dir.resolve("bench-" + name + ".kcidb.json"),
        oomlab.controller.format.Kcidb.bench(runId, name, JSON.valueToTree(result), oomlab.bindings.HostFacts.ofThisHost()));
  }
}

package oomlab.controller.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import oomlab.bindings.HostFacts;

/** What the host adds to a run's results directory after the run: the host's facts, and the run's name. */
public final class RunResults {
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private RunResults() {}

  /**
   * Puts {@code "host"} into the directory's summary.json, when there is one: the machine that ran
   * oomlab (for a guest run, the one that ran QEMU; the guest writes the rest of the summary).
   *
   * @return whether there was a summary to add them to
   */
  public static boolean addHost(Path dir, HostFacts host) throws IOException {
    Path file = dir.resolve("summary.json");
    if (!Files.isRegularFile(file)) return false;
    JsonNode tree = JSON.readTree(file.toFile());
    if (!(tree instanceof ObjectNode o)) return false;
    o.set("host", JSON.valueToTree(host.asMap()));
    Path tmp = dir.resolve("summary.json.tmp");
    Files.writeString(tmp, JSON.writeValueAsString(o) + "\n");
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /** summary.json's text, or {@code {}} when the run wrote none. */
  public static String summaryText(Path dir) throws IOException {
    Path file = dir.resolve("summary.json");
    return Files.isRegularFile(file) ? Files.readString(file) : "{}\n";
  }

  /** The run's name in report ids: its results directory's name. */
  public static String runId(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? "oomlab" : name.toString();
  }
}

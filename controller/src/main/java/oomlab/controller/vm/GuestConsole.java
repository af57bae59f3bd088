package oomlab.controller.vm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The guest console mixes kernel messages ({@code [   12.345678] ...}), the init's own lines
 * ({@code oomlab-guest: ...}) and the command's output; the run's output is what the user wants
 * on stdout, the rest stays in console.log.
 */
final class GuestConsole {
  private GuestConsole() {}

  static void printRunOutput(Path console, PrintWriter out) throws IOException {
    if (!Files.exists(console)) {
      return;
    }
    for (String line : new String(Files.readAllBytes(console), StandardCharsets.UTF_8).replace("\r", "").split("\n")) {
      if (isCommandOutput(line)) {
        out.println(line);
      }
    }
    out.flush();
  }

  static boolean isCommandOutput(String line) {
    return !line.isEmpty() && !line.matches("^\\[\\s*\\d+\\.\\d+\\].*") && !line.startsWith("oomlab-guest:");
  }
}

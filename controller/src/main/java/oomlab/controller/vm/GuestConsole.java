package oomlab.controller.vm;

/**
 * The guest console mixes kernel messages ({@code [   12.345678] ...}), the init's own lines
 * ({@code oomlab-guest: ...}) and the command's output; the run's output is what the user wants
 * on stdout (passed on live by {@link GuestRunner}), the rest stays in console.log.
 */
final class GuestConsole {
  private GuestConsole() {}

  static boolean isCommandOutput(String line) {
    return !line.isEmpty() && !line.matches("^\\[\\s*\\d+\\.\\d+\\].*") && !line.startsWith("oomlab-guest:");
  }
}

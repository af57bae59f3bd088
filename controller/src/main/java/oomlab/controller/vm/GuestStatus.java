package oomlab.controller.vm;

import java.util.Optional;

/**
 * One line from the guest's status port: an event with the guest's uptime and an optional text
 * ({@code EVENT UPTIME [TEXT]}), an exit status for {@code exit}, free text for {@code error}. The
 * init reports {@code init}, {@code modules}, {@code mounted}, {@code start}, {@code exit} and
 * {@code error} (see {@code vm-images/guest-init.sh}); the agent {@code jvm} (its main runs),
 * {@code ready} (about to run the first scenario) and {@code scenario} ({@code K/N NAME}) through
 * {@link GuestStatusPort}.
 */
public record GuestStatus(String event, double guestUptime, int exitStatus, String text) {

  public static Optional<GuestStatus> parse(String line) {
    String[] w = line.strip().split("\\s+", 3);
    if (w.length == 0 || w[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      return switch (w[0]) {
        case "exit" -> w.length == 3 ? Optional.of(new GuestStatus("exit", Double.parseDouble(w[2]), Integer.parseInt(w[1]), ""))
            : Optional.empty();
        case "error" -> Optional.of(new GuestStatus("error", -1, -1, w.length > 1 ? line.strip().substring(6) : ""));
        default -> w.length >= 2 ? Optional.of(new GuestStatus(w[0], Double.parseDouble(w[1]), -1, w.length == 3 ? w[2] : ""))
            : Optional.empty();
      };
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

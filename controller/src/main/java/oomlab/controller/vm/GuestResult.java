package oomlab.controller.vm;

import java.nio.file.Path;
import java.util.List;

/**
 * How a guest boot ended. {@code commandStatus} is the command's exit status when it ran to the
 * end; {@code exitCode()} maps the end to oomlab's exit codes (4 panic, 5 timeout, 3 when the
 * guest could not run the command at all).
 */
public record GuestResult(End end, int commandStatus, List<String> panicLines, String error, Path console, BootTimeline timeline) {

  public enum End { EXITED, PANIC, TIMEOUT, FAILED }

  public int exitCode() {
    return switch (end) {
      case EXITED -> commandStatus;
      case PANIC -> 4;
      case TIMEOUT -> 5;
      case FAILED -> 3;
    };
  }

  public String describe() {
    return switch (end) {
      case EXITED -> "guest command exited " + commandStatus;
      case PANIC -> "guest kernel panic:\n  " + String.join("\n  ", panicLines);
      case TIMEOUT -> "guest timed out; QEMU killed (console kept in " + console + ")";
      case FAILED -> "guest failed: " + error + " (console: " + console + ")";
    };
  }
}

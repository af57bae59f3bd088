package oomlab.controller.vm;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a guest's progress: boot steps, then results as they appear. A progress bar on a
 * terminal, one line per guest while several run ({@code matrix --jobs}); plain lines otherwise
 * (CI logs), each naming its guest, so that a log still says how far every guest came.
 */
public interface GuestProgress extends AutoCloseable {
  /**
   * A status event: a boot step ({@code init}, {@code modules}, {@code mounted}, {@code start},
   * {@code jvm}, {@code ready}) or {@code scenario} with text {@code K/N NAME}, the one under way.
   */
  void step(String event, String text);

  /** {@code done} of the expected results are written. */
  void results(int done);

  @Override
  void close();

  GuestProgress NONE = new GuestProgress() {
    @Override public void step(String event, String text) {}
    @Override public void results(int done) {}
    @Override public void close() {}
  };

  String[] BOOT_STEPS = {"qemu", "init", "modules", "mounted", "start", "jvm", "ready"};

  /** A bar over the boot steps plus {@code expectedResults} results, or plain lines when not on a terminal. */
  static GuestProgress on(PrintStream err, String task, int expectedResults) {
    if (System.console() == null) {
      return new GuestProgress() {
        @Override public void step(String event, String text) {
          err.println("oomlab: " + task + ": " + event + (text.isEmpty() ? "" : " " + text));
        }
        @Override public void results(int done) { err.println("oomlab: " + task + ": " + done + "/" + expectedResults + " results"); }
        @Override public void close() {}
      };
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(BOOT_STEPS.length + expectedResults)
        .setStyle(ProgressBarStyle.ASCII)
        // The interactive consumer gives each bar a line of its own: a matrix's parallel cells each show theirs.
        .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(err))
        .setUpdateIntervalMillis(200).build();
    return new GuestProgress() {
      @Override public void step(String event, String text) {
        for (int i = 0; i < BOOT_STEPS.length; i++) {
          if (BOOT_STEPS[i].equals(event)) {
            bar.stepTo(Math.max(bar.getCurrent(), i + 1));
          }
        }
        bar.setExtraMessage(text.isEmpty() ? event : event + " " + text);
      }
      @Override public void results(int done) {
        bar.stepTo(Math.max(bar.getCurrent(), BOOT_STEPS.length + done));
      }
      @Override public void close() { bar.close(); }
    };
  }
}

package oomlab.agent.stop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM ({@code timeout}, a CI runner cancelling a job) as a request to stop,
 * taken like the end of a run: the command sees {@link #requested()}, ends what it is doing the
 * way it ends normally (workloads killed, cgroups removed children first, tmpfs unmounted, what
 * was finished written) and exits {@link #exitCode()} (128 + the signal's number, 130 or 143, as a
 * shell reports a process the signal killed).
 *
 * <p>The JVM's own reaction to these signals is to run shutdown hooks while every other thread
 * goes on, and to halt when the hooks return: a cleanup in a hook races the run it cleans up after
 * and is cut off halfway. So the handlers here replace the JVM's: the first signal only sets the
 * request; a second one during the cleanup is noted and changes nothing (the cleanup is not
 * abandoned halfway; SIGKILL still ends the process, and the next run or {@code oomlab doctor
 * --cleanup} removes what it left). A signal ignored when the JVM started ({@code nohup}, a
 * background job without job control) stays ignored: the JVM does not install a handler then.
 */
public final class StopRequest implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final Consumer<String> notice;
  private final List<Installed> previous = new ArrayList<>();
  private volatile Signal signal;

  private StopRequest(Consumer<String> notice) {
    this.notice = notice;
  }

  private record Installed(Signal signal, SignalHandler handler) {}

  /**
   * Takes over SIGINT and SIGTERM until {@link #close()}; {@code notice} receives one line for a
   * signal that arrives while a stop is already under way.
   */
  public static StopRequest install(Consumer<String> notice) {
    StopRequest r = new StopRequest(notice);
    for (String name : SIGNALS) {
      Signal s = new Signal(name);
      r.previous.add(new Installed(s, Signal.handle(s, r::received)));
    }
    return r;
  }

  /** A request no signal sets: for callers (tests, the guest agent) that handle no signals. */
  public static StopRequest none() {
    return new StopRequest(line -> { });
  }

  private void received(Signal s) {
    if (signal != null) {
      notice.accept("SIG" + s.getName() + " again: still cleaning up after SIG" + signal.getName()
          + " (workloads, cgroups, tmpfs); SIGKILL would leave them to the next run or oomlab doctor --cleanup");
      return;
    }
    signal = s;
  }

  /** Whether SIGINT and SIGTERM come here (between {@link #install} and {@link #close}). */
  public boolean watchesSignals() {
    return !previous.isEmpty();
  }

  /** Whether a stop was asked for. */
  public boolean requested() {
    return signal != null;
  }

  /** {@code SIGINT} or {@code SIGTERM}; empty before a request. */
  public String signalName() {
    Signal s = signal;
    return s == null ? "" : "SIG" + s.getName();
  }

  /** 128 + the signal's number (130 for SIGINT, 143 for SIGTERM); 0 before a request. */
  public int exitCode() {
    Signal s = signal;
    return s == null ? 0 : 128 + s.getNumber();
  }

  /** Asks for a stop as SIGTERM would (a caller that stops for its own reason, tests). */
  public void requestAsIf(String signalName) {
    if (signal == null) signal = new Signal(signalName);
  }

  /** Gives SIGINT and SIGTERM back to the handlers they had before {@link #install}. */
  @Override
  public void close() {
    for (Installed i : previous) Signal.handle(i.signal(), i.handler());
    previous.clear();
  }
}

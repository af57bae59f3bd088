package oomlab.agent.run;

import java.util.List;

/**
 * Initializes, on a background thread, the classes whose static initializers are the expensive
 * part of a run's start: the FFM downcall handles of the bindings (each a few LambdaForms and a
 * stub spun at run time, which no AOT cache holds) and the JSON mappers of the trace, the outcome
 * and the summary. Pure: it creates handles and mappers, nothing on the system.
 *
 * <p>The guest's agent starts it first thing: in a TCG guest the JVM runs every line of that
 * start in an emulated CPU, and the second vCPU can do it while the main thread loads the
 * scenarios. On a real CPU it is worth nothing (measured on this host: the main thread only
 * waited on classes the warm-up was initializing), so {@code oomlab run} on a host does not.
 */
public final class Warmup {
  private static final List<String> CLASSES = List.of(
      "oomlab.bindings.NativeCall", "oomlab.bindings.FileIo", "oomlab.bindings.Fd",
      "oomlab.bindings.EventFd", "oomlab.bindings.Epoll", "oomlab.bindings.Poll", "oomlab.bindings.Pidfd",
      "oomlab.bindings.Inotify", "oomlab.bindings.Prctl", "oomlab.bindings.Mapping", "oomlab.bindings.MonotonicClock",
      "oomlab.agent.trace.TraceJson", "oomlab.model.outcome.OutcomeJson", "oomlab.agent.run.RunSummary");

  private Warmup() {}

  public static void startInBackground() {
    Thread.ofPlatform().daemon().name("oomlab-warmup").start(() -> {
      ClassLoader loader = Warmup.class.getClassLoader();
      for (String name : CLASSES) {
        try {
          Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // only a head start: the run loads what it needs anyway
        }
      }
    });
  }
}

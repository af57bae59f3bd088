package oomlab.agent.run;

import java.util.List;

/**
 * Loads and initializes, on a background thread, the classes a run needs first: the FFM downcall
 * handles of the listener's bindings, the JSON mappers of the trace and the outcome. A cold JVM
 * spends most of a single-hog run's time in class loading and linking; done while the main thread
 * parses the scenario YAML (the machine has two cores), it is off the critical path.
 */
public final class Warmup {
  private static final List<String> CLASSES = List.of(
      "oomlab.bindings.NativeCall", "oomlab.bindings.FileIo", "oomlab.bindings.EventFd", "oomlab.bindings.Epoll",
      "oomlab.agent.listen.OomListener", "oomlab.agent.kmsg.KmsgReader", "oomlab.agent.kmsg.OomReportAssembler",
      "oomlab.agent.trace.TraceWriter", "oomlab.model.outcome.OutcomeJson", "oomlab.agent.run.ScenarioRun",
      "oomlab.agent.workload.WorkloadLauncher");

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

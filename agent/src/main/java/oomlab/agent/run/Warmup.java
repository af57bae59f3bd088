package oomlab.agent.run;

import java.util.List;

/**
 * Loads and initializes, on a background thread, the classes a run needs first: the FFM downcall
 * handles of the listener's bindings, the JSON mappers of the trace and the outcome. The guest's
 * AOT-cache training run ({@code oomlab.controller.vm.AotTraining}) uses it to put them into the
 * cache. {@code oomlab run} itself does not start it: measured on this host, a warm-up racing the
 * YAML load made the main thread wait on classes the warm-up was initializing and saved nothing.
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

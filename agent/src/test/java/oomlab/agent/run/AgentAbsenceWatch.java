package oomlab.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Test helper: polls every cgroup.procs of this JVM's run directories for this JVM's own pid. */
final class AgentAbsenceWatch {
  private final AtomicBoolean agentSeen = new AtomicBoolean();
  private final AtomicInteger cgroupsSeen = new AtomicInteger();
  private volatile boolean stopped;
  private Thread thread;

  static AgentAbsenceWatch start(Path agentRoot) {
    AgentAbsenceWatch w = new AgentAbsenceWatch();
    String self = Long.toString(ProcessHandle.current().pid());
    w.thread = Thread.ofPlatform().daemon().start(() -> {
      while (!w.stopped) {
        try (Stream<Path> files = Files.walk(agentRoot)) {
          for (Path procs : files.filter(p -> p.getFileName().toString().equals("cgroup.procs")
              && p.toString().contains("/run-" + self + "-")).toList()) {
            w.cgroupsSeen.incrementAndGet();
            if (Files.readAllLines(procs).contains(self)) w.agentSeen.set(true);
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          // a cgroup vanished while walking: look again
        }
      }
    });
    return w;
  }

  void stop() throws InterruptedException {
    stopped = true;
    thread.join();
  }

  boolean agentSeen() {
    return agentSeen.get();
  }

  int cgroupsSeen() {
    return cgroupsSeen.get();
  }
}

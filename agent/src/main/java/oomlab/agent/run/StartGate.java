package oomlab.agent.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import oomlab.model.scenario.Scenario;
import oomlab.model.scenario.StartCondition;
import oomlab.model.scenario.TaskSpec;

/**
 * Decides when each task's start barrier is released. Tasks without {@code start:} go at the
 * common start; {@code start: after T 16M} goes once T has reported 16M. A condition that can no
 * longer come true (T died, blocked, or finished short of the size) releases its task at that
 * point rather than hanging the run. Pure: the runner feeds it what it sees.
 */
final class StartGate {
  private final List<TaskSpec> tasks;
  private final Set<String> released = new LinkedHashSet<>();

  StartGate(Scenario scenario) {
    this.tasks = scenario.tasks();
  }

  /** The tasks to release at the common start. */
  List<String> commonStart() {
    return release(t -> t.start().isEmpty());
  }

  /** After {@code task} reported {@code bytes} allocated in all: the tasks waiting for that. */
  List<String> allocated(String task, long bytes) {
    return release(t -> t.start().map(c -> c.afterTask().equals(task) && bytes >= c.allocated()).orElse(false));
  }

  /** {@code task} will allocate no more (exited, blocked, done): everything waiting on it goes now. */
  List<String> stopped(String task) {
    return release(t -> t.start().map(StartCondition::afterTask).map(task::equals).orElse(false));
  }

  /** Tasks not released yet (their condition has not come true). */
  List<String> waiting() {
    return tasks.stream().map(TaskSpec::name).filter(n -> !released.contains(n)).toList();
  }

  private List<String> release(java.util.function.Predicate<TaskSpec> due) {
    List<String> go = new ArrayList<>();
    for (TaskSpec t : tasks) {
      if (!released.contains(t.name()) && due.test(t)) {
        released.add(t.name());
        go.add(t.name());
      }
    }
    return go;
  }
}

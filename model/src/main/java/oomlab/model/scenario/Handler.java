package oomlab.model.scenario;

/**
 * A userspace OOM handler run by the agent: when the OOM notification of {@code onOomOf} arrives
 * (v1 eventfd on {@code memory.oom_control}, v2 a rise of {@code memory.events} {@code oom}), the
 * agent performs {@code action}, once per run (the first notification triggers it).
 *
 * @param onOomOf path of the cgroup whose OOM notification triggers it ({@code on: oom <cgroup>})
 * @param action  what it does ({@code do:})
 */
public record Handler(String onOomOf, HandlerAction action) {

  @Override
  public String toString() {
    return "on oom " + onOomOf + " do " + action;
  }
}

package oomlab.model.scenario;

/**
 * A userspace handler run by the agent: when {@code on} fires (an OOM notification of a cgroup,
 * or a task's progress), the agent performs {@code action}, once per run.
 *
 * @param on     what triggers it ({@code on:})
 * @param action what it does ({@code do:})
 */
public record Handler(HandlerTrigger on, HandlerAction action) {

  @Override
  public String toString() {
    return "on " + on + " do " + action;
  }
}

package oomlab.model.design;

import oomlab.model.explore.ModelScenario;

/**
 * Kamezawa 2010 with Nishimura's review applied (seed 004: "I think we need call memcg_oom_wake()
 * here"): after {@code mem_cgroup_walk_tree(mem, NULL, unset_memcg_oom_cb)} the killer calls
 * {@code memcg_oom_wake()}, so tasks that went to sleep in memcg_handle_oom while it killed are
 * woken even when its victim's uncharge ran after the counts were cleared. Notifier and
 * oom_kill_disable freeze as in the second patch.
 */
public final class Kamezawa2010Fixed extends Kamezawa2010 {
  public Kamezawa2010Fixed(ModelScenario sc) {
    super(sc);
  }

  @Override
  public String name() {
    return "kamezawa2010-fixed";
  }

  @Override
  protected boolean wakeAfterUnset() {
    return true;
  }
}

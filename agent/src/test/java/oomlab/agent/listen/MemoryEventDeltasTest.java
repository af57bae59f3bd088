package oomlab.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import oomlab.agent.cgroup.MemoryEvents;
import org.junit.jupiter.api.Test;

class MemoryEventDeltasTest {
  private static MemoryEvents events(long oom, long oomKill, long groupKill) {
    return MemoryEvents.parse("low 0\nhigh 0\nmax 12\noom " + oom + "\noom_kill " + oomKill + "\noom_group_kill " + groupKill + "\n");
  }

  @Test
  void emitsTheGrowthOfEachOomCounterSoCoalescedWakeUpsLoseNoCount() {
    List<OomEvent> out = new ArrayList<>();
    MemoryEventDeltas d = new MemoryEventDeltas(events(1, 1, 0));
    d.next(events(4, 3, 0), 10, "A", out::add); // three OOMs behind one notification
    d.next(events(4, 3, 0), 20, "A", out::add); // a wake-up for another key: nothing
    d.next(events(5, 5, 2), 30, "A", out::add);
    assertThat(out).containsExactly(
        new OomEvent(10, "A", OomEvent.Kind.OOM, 3),
        new OomEvent(10, "A", OomEvent.Kind.OOM_KILL, 2),
        new OomEvent(30, "A", OomEvent.Kind.OOM, 1),
        new OomEvent(30, "A", OomEvent.Kind.OOM_KILL, 2),
        new OomEvent(30, "A", OomEvent.Kind.OOM_GROUP_KILL, 2));
  }

  @Test
  void aShrunkCounterIsARecreatedCgroupWhoseValueIsAllNew() {
    List<OomEvent> out = new ArrayList<>();
    MemoryEventDeltas d = new MemoryEventDeltas(events(7, 7, 0));
    d.next(events(1, 0, 0), 5, "A", out::add);
    assertThat(out).containsExactly(new OomEvent(5, "A", OomEvent.Kind.OOM, 1));
  }
}

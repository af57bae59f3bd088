package oomlab.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class EventDrainTest {
  @Test
  void handlesTheEventAndTheBacklogInOrder() throws Exception {
    var queue = new LinkedBlockingQueue<>(List.of(1, 2, 3));
    List<Integer> seen = new ArrayList<>();
    assertThat(EventDrain.drain(queue, 0, seen::add)).isEqualTo(3);
    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(queue).isEmpty();
  }

  /**
   * A producer faster than the handler (here: every event handled queues the next, as a fault
   * retried forever signals the v1 OOM eventfd on every retry) must not keep the drain from
   * returning, or the run loop never sees its deadline. Draining until empty would loop forever.
   */
  @Test
  void returnsAlthoughEveryHandledEventQueuesAnother() throws Exception {
    var queue = new LinkedBlockingQueue<>(List.of(0, 1));
    List<Integer> seen = new ArrayList<>();
    int handled = EventDrain.drain(queue, 0, e -> {
      seen.add(e);
      queue.add(e + 2);
    });
    assertThat(handled).isEqualTo(2);
    assertThat(seen).containsExactly(0, 1);
    assertThat(queue).containsExactly(2, 3);
  }

  @Test
  void anEmptyQueueHandlesNothing() throws Exception {
    assertThat(EventDrain.drain(new LinkedBlockingQueue<Integer>(), 0, e -> { })).isZero();
  }
}

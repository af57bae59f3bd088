package oomlab.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class OomListenerSyncTest {
  @Test
  void syncReturnsOnceTheLoopHasHandledWhatWasReady() throws Exception {
    ConcurrentLinkedQueue<OomEvent> events = new ConcurrentLinkedQueue<>();
    OomListener listener = OomListener.start(events::add, e -> { });
    try {
      assertThat(listener.sync(Duration.ofSeconds(5))).isTrue();
      assertThat(listener.sync(Duration.ofSeconds(5))).as("again").isTrue();
    } finally {
      listener.close();
    }
    assertThat(events).isEmpty();
  }
}

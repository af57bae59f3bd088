package oomlab.agent.run;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes events off the run's queue for the loop: the next one (waiting a while for it), then the
 * backlog that was queued when it came, and no more. Draining until the queue is empty never
 * returns while a producer outpaces the handler: on 6.1 with cgroup v1 a fault with no eligible
 * victim retries forever and signals the OOM eventfd on every retry, and the loop never reached
 * its deadline (no-eligible-victim ran until the guest's timeout).
 */
final class EventDrain {
  private EventDrain() {}

  /** Handles at most one event plus the backlog found after it; returns how many it handled. */
  static <E> int drain(BlockingQueue<E> queue, long timeoutNanos, Consumer<E> handler) throws InterruptedException {
    E e = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (e == null) return 0;
    int handled = 0;
    for (int backlog = queue.size(); e != null; backlog--) {
      handler.accept(e);
      handled++;
      e = backlog > 0 ? queue.poll() : null;
    }
    return handled;
  }
}

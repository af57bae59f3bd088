package oomlab.agent.listen;

import java.io.IOException;
import java.util.function.Consumer;
import oomlab.bindings.Fd;

/** One registration in the listener's epoll set: an fd to wait on, and what its wake-ups mean. */
interface Watch extends AutoCloseable {
  /** The fd in the epoll set. */
  Fd fd();

  /** The epoll events to wait for (EPOLLIN, EPOLLPRI). */
  int epollEvents();

  /**
   * Handles a wake-up: reads what the kernel has, emits the events (stamped {@code nowNs}).
   * Returns false when the watch is finished (its cgroup is gone): the listener then drops it.
   */
  boolean onReady(int epollEvents, long nowNs, Consumer<OomEvent> sink) throws IOException;

  @Override
  void close();
}

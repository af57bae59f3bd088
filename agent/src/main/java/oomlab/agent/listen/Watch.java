package oomlab.agent.listen;

import java.io.IOException;
import java.util.List;
import oomlab.bindings.Fd;

/** One registration in the listener's epoll set: an fd to wait on, and what its wake-ups mean. */
interface Watch extends AutoCloseable {
  /** The fd in the epoll set. */
  Fd fd();

  /** The epoll events to wait for (EPOLLIN, EPOLLPRI). */
  int epollEvents();

  /**
   * Handles a wake-up: reads what the kernel has and adds the events (stamped {@code nowNs}) to
   * {@code out}. Returns false when the watch is finished (its cgroup is gone): the listener then
   * drops it before it delivers the events, so a sink that sees {@code removed} sees the watch gone.
   */
  boolean onReady(int epollEvents, long nowNs, List<OomEvent> out) throws IOException;

  @Override
  void close();
}

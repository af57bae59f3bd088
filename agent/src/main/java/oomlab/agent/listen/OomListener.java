package oomlab.agent.listen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import oomlab.bindings.Epoll;
import oomlab.bindings.EventFd;
import oomlab.bindings.FdClosedException;

/**
 * Listens for memcg OOM notifications: one epoll loop on a thread of its own, one registration
 * ({@link Watch}) per cgroup and facility, events handed to a sink as they come.
 *
 * <p>Facilities: v1 {@link #watchOom} (eventfd on {@code memory.oom_control}), {@link
 * #watchUsageThreshold} ({@code memory.usage_in_bytes}), {@link #watchPressureLevel} ({@code
 * memory.pressure_level}); v2 {@link #watchMemoryEvents} (inotify on {@code memory.events}, counter
 * deltas) and {@link #watchPsi} (a PSI trigger on {@code memory.pressure}). Every event is stamped
 * with CLOCK_MONOTONIC once per wake-up, before anything is read, so the stamp is as close to the
 * kernel's signal as the loop can take it. A watch whose cgroup is removed reports {@code removed}
 * once and is dropped; nothing spins on a dead fd.
 *
 * <p>The sink runs on the listener thread: keep it quick (hand events to a queue). Watches can be
 * added from any thread while the loop runs. {@link #close()} wakes the loop through an eventfd
 * of its own (closing the epoll fd would not wake a thread blocked in epoll_wait), waits for the
 * thread and closes every fd.
 */
public final class OomListener implements AutoCloseable {
  private static final long WAKE_ID = 0;
  private static final int MAX_EVENTS = 64;

  private final Consumer<OomEvent> sink;
  private final Consumer<Exception> errors;
  private final Epoll epoll;
  private final EventFd wake;
  private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(WAKE_ID + 1);
  private final Thread thread;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closing;
  private final java.util.Queue<java.util.concurrent.CompletableFuture<Void>> syncs = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private OomListener(Consumer<OomEvent> sink, Consumer<Exception> errors, Epoll epoll, EventFd wake) {
    this.sink = sink;
    this.errors = errors;
    this.epoll = epoll;
    this.wake = wake;
    this.thread = Thread.ofPlatform().name("oomlab-oom-listener").daemon().unstarted(this::loop);
  }

  /**
   * Starts the loop. {@code errors} receives what a watch failed with while reading (the watch is
   * dropped); registration errors are thrown to the registering caller instead.
   */
  public static OomListener start(Consumer<OomEvent> sink, Consumer<Exception> errors) throws IOException {
    Epoll epoll = Epoll.create();
    EventFd wake;
    try {
      wake = EventFd.create(0, EventFd.EFD_NONBLOCK);
      epoll.add(wake.fd(), Epoll.EPOLLIN, WAKE_ID);
    } catch (IOException | RuntimeException e) {
      epoll.close();
      throw e;
    }
    OomListener listener = new OomListener(sink, errors, epoll, wake);
    listener.thread.start();
    return listener;
  }

  /** v1: every OOM of the memcg at {@code cgroupDir} (its memory.oom_control eventfd). */
  public void watchOom(String label, Path cgroupDir) throws IOException {
    add(V1EventfdWatch.register(label, OomEvent.Kind.OOM, cgroupDir, "memory.oom_control", ""));
  }

  /** v1: memory.usage_in_bytes crossing {@code bytes}, up or down. */
  public void watchUsageThreshold(String label, Path cgroupDir, long bytes) throws IOException {
    add(V1EventfdWatch.register(label, OomEvent.Kind.THRESHOLD, cgroupDir, "memory.usage_in_bytes", Long.toString(bytes)));
  }

  /** v1: memory.pressure_level at {@code level} ({@code low|medium|critical}[,{@code hierarchy|local}]). */
  public void watchPressureLevel(String label, Path cgroupDir, String level) throws IOException {
    add(V1EventfdWatch.register(label, OomEvent.Kind.PRESSURE, cgroupDir, "memory.pressure_level", level));
  }

  /** v2: growth of oom, oom_kill and oom_group_kill in the memcg's memory.events. */
  public void watchMemoryEvents(String label, Path cgroupDir) throws IOException {
    add(V2MemoryEventsWatch.register(label, cgroupDir));
  }

  /** v2: a PSI trigger on memory.pressure, e.g. {@code "some 150000 1000000"} (150 ms stall per 1 s). */
  public void watchPsi(String label, Path cgroupDir, String trigger) throws IOException {
    add(PsiTriggerWatch.register(label, cgroupDir, trigger));
  }

  /**
   * Returns once the loop has handed to the sink every event the kernel signalled before this
   * call (or after {@code timeout}, false). The loop's epoll set is level-triggered: the wake-up
   * this writes is returned in one batch with every fd already ready, and the batch is handled
   * before the sync completes. A runner calls it before deciding a run is over, so that a
   * notification signalled before a kill is never lost to a slow listener thread.
   */
  public boolean sync(java.time.Duration timeout) throws IOException, InterruptedException {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    syncs.add(done);
    wake.add(1);
    try {
      done.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /**
   * Runs the calls of the loop's wake-up path (epoll_wait returning a ready eventfd, the batch
   * decoded, the eventfd read) {@code rounds} times on the calling thread, with an epoll set and
   * an eventfd of its own, so that the JIT has compiled them before the first OOM: a fresh
   * listener runs them in the interpreter, which cost its first wake-ups about 0.1 ms more (bench
   * notify). Not on the listener's thread: the scheduler (EEVDF) remembers a thread that ran more
   * than its share (negative lag) and makes it wait when it next wakes, the wake-up measured. A few
   * thousand rounds bring C1's code, about 20000 C2's (tens of ms of CPU here).
   */
  public static void warmUp(int rounds) throws IOException {
    try (Epoll ep = Epoll.create(); EventFd e = EventFd.create(0, EventFd.EFD_NONBLOCK)) {
      ep.add(e.fd(), Epoll.EPOLLIN, WAKE_ID);
      for (int i = 0; i < rounds; i++) {
        e.add(1);
        for (Epoll.Event ev : ep.awaitStamped(MAX_EVENTS, -1).events()) {
          if (ev.data() == WAKE_ID) e.read();
        }
      }
    }
  }

  /** Number of live watches (a removed cgroup's watch is gone). */
  public int watchCount() {
    return watches.size();
  }

  private void add(Watch w) throws IOException {
    if (closing) {
      w.close();
      throw new IllegalStateException("listener is closed");
    }
    long id = nextId.getAndIncrement();
    watches.put(id, w);
    try {
      epoll.add(w.fd(), w.epollEvents(), id);
    } catch (IOException | RuntimeException e) {
      watches.remove(id);
      w.close();
      throw e;
    }
  }

  private void loop() {
    try {
      while (!closing) {
        // Stamped as epoll_wait returns, before the events are decoded (System.nanoTime is
        // CLOCK_MONOTONIC on Linux, see MonotonicClock: the kmsg clock).
        Epoll.Ready ready = epoll.awaitStamped(MAX_EVENTS, -1);
        long now = ready.monoNs();
        List<java.util.concurrent.CompletableFuture<Void>> synced = new java.util.ArrayList<>();
        for (Epoll.Event e : ready.events()) {
          if (e.data() == WAKE_ID) {
            wake.read();
            for (var f = syncs.poll(); f != null; f = syncs.poll()) synced.add(f);
            continue;
          }
          Watch w = watches.get(e.data());
          if (w != null) handle(e.data(), w, e.events(), now);
        }
        synced.forEach(f -> f.complete(null));
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) errors.accept(e);
    }
  }

  private void handle(long id, Watch w, int events, long now) {
    List<OomEvent> out = new ArrayList<>(2);
    boolean keep;
    try {
      keep = w.onReady(events, now, out);
    } catch (FdClosedException e) {
      keep = false;
    } catch (IOException | RuntimeException e) {
      errors.accept(e);
      keep = false;
    }
    if (!keep) {
      watches.remove(id);
      w.close(); // closing the fd also takes it out of the epoll set
    }
    out.forEach(sink);
  }

  /** Stops the loop and closes every watch; idempotent. Not from the sink (it runs on the loop thread). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    closing = true;
    try {
      wake.add(1);
    } catch (IOException e) {
      // the wake eventfd is ours and open: cannot fail short of a closed listener
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watches.values().forEach(Watch::close);
    watches.clear();
    wake.close();
    epoll.close();
  }
}

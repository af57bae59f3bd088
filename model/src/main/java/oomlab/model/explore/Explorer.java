package oomlab.model.explore;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Breadth-first exploration of every interleaving, with a visited set of packed states. BFS gives
 * parent pointers along shortest paths, so counterexamples are as short as they can be. Each
 * successor is turned into the representative of its orbit under the system's {@link Symmetry}
 * before the visited-set lookup. Stops at {@code maxStates} distinct states, at {@code maxDepth},
 * or when the graph would outgrow the heap, and then says so ({@link Exploration#complete()}
 * false, {@link Exploration#stop()} the reason).
 *
 * <p>With more than one thread, worker threads expand chunks of the BFS queue (successors,
 * canonical form, packing, hashing, and the lookup of successors among the states stored when
 * the chunk was handed out: most are revisits) while this thread merges the chunks' successors
 * into the visited set in queue order, adding those the workers did not find. The merge does
 * what the sequential loop does in the same order, so the graph is the same state for state:
 * same ids, parents, edges, bound.
 */
public final class Explorer {
  /**
   * The graph may take this share of the maximum heap before the exploration stops: growing an
   * array copies it, and the outcome pass needs arrays of its own (five racers under hocko2018:
   * a 643 MiB graph, 1.35 GiB of heap in use).
   */
  static final double HEAP_SHARE = 0.4;
  private static final int HEAP_CHECK = 1 << 12;

  private Explorer() {}

  public static Exploration explore(ModelScenario scenario, TransitionSystem sys, long maxStates) {
    return explore(scenario, sys, Search.of(maxStates));
  }

  public static Exploration explore(ModelScenario scenario, TransitionSystem sys, Search search) {
    if (search.threads() > 1) return exploreParallel(scenario, sys, search);
    long t0 = System.nanoTime();
    Layout layout = sys.layout();
    Symmetry sym = sys.symmetry();
    int words = layout.words();
    StateStore store = new StateStore(words);
    long[] buf = new long[words];
    Graph g = new Graph();
    State cur = new State(layout);
    State canon = new State(layout);
    int[] src = new int[layout.tasks];
    Symmetry.Scratch scratch = new Symmetry.Scratch(layout);
    State init = new State(layout);
    sys.initial(init);
    sym.canonicalize(init, src, scratch);
    init.pack(buf, 0);
    store.addOrGet(buf, 0);
    Successors out = new Successors(layout);
    Successors.Sink sink = (succ, step) -> {
      canon.copyFrom(succ);
      sym.canonicalize(canon, src, scratch);
      canon.pack(buf, 0);
      g.add(store.addOrGet(buf, 0), step);
    };
    Bounds b = new Bounds(search, store);
    int next = 0;
    while (next < store.size()) {
      if (b.stop(next, g)) break;
      g.begin(next);
      store.read(next, cur);
      out.reset(cur, sink);
      sys.expand(cur, out);
      next++;
      g.end(next);
    }
    return g.build(scenario, sys, layout, store, next, b, System.nanoTime() - t0);
  }

  /** Why an exploration stopped early, and the checks that stop it (the same in both explorers). */
  static final class Bounds {
    final Search search;
    final StateStore store;
    int depth;
    int levelEnd = 1;
    Exploration.Stop stop = Exploration.Stop.COMPLETE;

    Bounds(Search search, StateStore store) {
      this.search = search;
      this.store = store;
    }

    /** Called before expanding state {@code next} (BFS order): whether to stop here. */
    boolean stop(int next, Graph g) {
      if (next == levelEnd) {
        depth++;
        levelEnd = store.size();
      }
      if (store.size() > search.maxStates()) {
        stop = Exploration.Stop.STATE_BOUND;
      } else if (depth >= search.maxDepth()) {
        stop = Exploration.Stop.DEPTH_BOUND;
      } else if ((next & (HEAP_CHECK - 1)) == 0 && next > 0
          && store.bytes() + g.bytes() > HEAP_SHARE * Runtime.getRuntime().maxMemory()) {
        stop = Exploration.Stop.HEAP_BOUND;
      }
      return stop != Exploration.Stop.COMPLETE;
    }
  }

  // ------------------------------------------------------------------ parallel

  /**
   * Successors of the states {@code [from, to)} of the queue, computed by a worker. Chunks are
   * recycled once merged: their buffers are the parallel explorer's only allocation.
   */
  private static final class Chunk {
    int from;
    int to;
    /** States stored when the chunk was handed out, and the arena holding them. */
    int known;
    long[] arena;
    int[] counts = new int[0];
    long[] words = new long[0];
    long[] hashes = new long[0];
    int[] steps = new int[0];
    /** The id of each successor found among the known states, or -1: the merge adds it. */
    int[] found = new int[0];
    int n;

    Chunk reset(int from, int to, int known, long[] arena) {
      this.from = from;
      this.to = to;
      this.known = known;
      this.arena = arena;
      this.n = 0;
      return this;
    }
  }

  /** A worker's own copies of what expanding a state needs. */
  private static final class Worker {
    final TransitionSystem sys;
    final Symmetry sym;
    final StateStore store;
    final int words;
    final State cur;
    final State canon;
    final int[] src;
    final Symmetry.Scratch scratch;
    final Successors out;
    Chunk chunk;

    Worker(TransitionSystem sys, StateStore store) {
      Layout layout = sys.layout();
      this.sys = sys;
      this.sym = sys.symmetry();
      this.store = store;
      this.words = layout.words();
      this.cur = new State(layout);
      this.canon = new State(layout);
      this.src = new int[layout.tasks];
      this.scratch = new Symmetry.Scratch(layout);
      this.out = new Successors(layout);
    }

    Chunk expand(Chunk c) {
      if (c.counts.length < c.to - c.from) c.counts = new int[c.to - c.from];
      int cap = Math.max(16, (c.to - c.from) * 8);
      if (c.steps.length < cap) {
        c.words = new long[cap * words];
        c.hashes = new long[cap];
        c.steps = new int[cap];
        c.found = new int[cap];
      }
      chunk = c;
      Successors.Sink sink = (succ, step) -> {
        Chunk k = chunk;
        if (k.n == k.steps.length) {
          int cap2 = k.n * 2;
          k.words = Arrays.copyOf(k.words, cap2 * words);
          k.hashes = Arrays.copyOf(k.hashes, cap2);
          k.steps = Arrays.copyOf(k.steps, cap2);
          k.found = Arrays.copyOf(k.found, cap2);
        }
        canon.copyFrom(succ);
        sym.canonicalize(canon, src, scratch);
        int off = k.n * words;
        canon.pack(k.words, off);
        long h = store.hash(k.words, off);
        k.hashes[k.n] = h;
        k.steps[k.n] = step;
        // Most successors are revisits: looking them up here leaves the merge only the new ones.
        k.found[k.n] = store.find(k.words, off, h, k.arena, k.known);
        k.n++;
      };
      long[] arena = c.arena;
      for (int id = c.from; id < c.to; id++) {
        cur.unpack(arena, id * words);
        int before = c.n;
        out.reset(cur, sink);
        sys.expand(cur, out);
        c.counts[id - c.from] = c.n - before;
      }
      return c;
    }
  }

  private static Exploration exploreParallel(ModelScenario scenario, TransitionSystem sys, Search search) {
    long t0 = System.nanoTime();
    Layout layout = sys.layout();
    int words = layout.words();
    StateStore store = new StateStore(words);
    long[] buf = new long[words];
    State init = new State(layout);
    sys.initial(init);
    sys.symmetry().canonicalize(init, new int[layout.tasks], new Symmetry.Scratch(layout));
    init.pack(buf, 0);
    store.addOrGet(buf, 0);
    Graph g = new Graph();
    Bounds b = new Bounds(search, store);
    int threads = search.threads();
    ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(sys, store));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "oomlab-explorer");
      t.setDaemon(true);
      return t;
    });
    int next = 0;
    try {
      ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
      ArrayDeque<Chunk> free = new ArrayDeque<>();
      int submitted = 0;
      int maxInFlight = threads * 4;
      outer:
      while (true) {
        while (inFlight.size() < maxInFlight && submitted < store.size()) {
          int left = store.size() - submitted;
          int size = Math.max(16, Math.min(2048, left / (threads * 2)));
          int from = submitted;
          int to = Math.min(store.size(), from + size);
          Chunk spare = free.poll();
          Chunk chunk = (spare != null ? spare : new Chunk()).reset(from, to, store.size(), store.arena());
          inFlight.add(pool.submit(() -> workers.get().expand(chunk)));
          submitted = to;
        }
        if (inFlight.isEmpty()) break;
        Chunk c = inFlight.poll().get();
        int e = 0;
        for (int id = c.from; id < c.to; id++) {
          if (b.stop(next, g)) break outer;
          g.begin(id);
          int k = c.counts[id - c.from];
          for (int i = 0; i < k; i++, e++) {
            int f = c.found[e];
            g.add(f >= 0 ? -f - 1 : store.addOrGet(c.words, e * words, c.hashes[e]), c.steps[e]);
          }
          next++;
          g.end(next);
        }
        free.add(c);
      }
      for (Future<Chunk> f : inFlight) f.cancel(true);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("exploration interrupted", ie);
    } catch (ExecutionException ee) {
      if (ee.getCause() instanceof RuntimeException re) throw re;
      if (ee.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(ee.getCause());
    } finally {
      pool.shutdownNow();
    }
    return g.build(scenario, sys, layout, store, next, b, System.nanoTime() - t0);
  }

  // ------------------------------------------------------------------ the graph being built

  /** Parent pointers and edges (CSR by source state) as the BFS discovers them. */
  static final class Graph {
    int current;
    int[] parent = new int[64];
    int[] parentStep = new int[64];
    int[] edgeStart = new int[65];
    int[] edgeTarget = new int[128];
    int[] edgeStep = new int[128];
    int edges;

    Graph() {
      parent[0] = -1;
      parentStep[0] = -1;
    }

    void begin(int id) {
      current = id;
      if (id + 2 > edgeStart.length) edgeStart = Arrays.copyOf(edgeStart, Math.max(id + 2, edgeStart.length * 2));
      edgeStart[id] = edges;
    }

    void end(int next) {
      edgeStart[next] = edges;
    }

    /** An edge from the current state: {@code r} is StateStore.addOrGet's answer. */
    void add(int r, int step) {
      int id;
      if (r >= 0) {
        id = r;
        if (id + 1 > parent.length) {
          int c = Math.max(id + 1, parent.length * 2);
          parent = Arrays.copyOf(parent, c);
          parentStep = Arrays.copyOf(parentStep, c);
        }
        parent[id] = current;
        parentStep[id] = step;
      } else {
        id = -r - 1;
      }
      if (edges == edgeTarget.length) {
        int c = edgeTarget.length * 2;
        edgeTarget = Arrays.copyOf(edgeTarget, c);
        edgeStep = Arrays.copyOf(edgeStep, c);
      }
      edgeTarget[edges] = id;
      edgeStep[edges] = step;
      edges++;
    }

    long bytes() {
      return 4L * (parent.length + parentStep.length + edgeStart.length + edgeTarget.length + edgeStep.length);
    }

    Exploration build(ModelScenario scenario, TransitionSystem sys, Layout layout, StateStore store, int expanded,
        Bounds b, long nanos) {
      int n = store.size();
      return new Exploration(scenario, sys, layout, store, Arrays.copyOf(parent, n), Arrays.copyOf(parentStep, n),
          Arrays.copyOf(edgeStart, expanded + 1), Arrays.copyOf(edgeTarget, edges), Arrays.copyOf(edgeStep, edges),
          b.stop, b.search, b.depth, edges, nanos);
    }
  }
}

package oomlab.model.explore;

import java.util.Arrays;

/**
 * The visited set: packed states in one flat {@code long[]} arena (state {@code i} at words
 * {@code [i*W, i*W+W)}) and an open-addressing hash table whose entries hold the state id and 32
 * bits of its hash, so a probe compares states in the arena only when the fingerprints match. No
 * object per state.
 */
public final class StateStore {
  private final int words;
  private long[] arena;
  private int size;
  private long[] table; // (fingerprint << 32) | (id + 1); 0 = empty
  private int mask;

  public StateStore(int words) {
    this.words = words;
    this.arena = new long[words * 64];
    this.table = new long[256];
    this.mask = table.length - 1;
  }

  public int size() {
    return size;
  }

  public int words() {
    return words;
  }

  /** Bytes held by the arena and the table (what the visited set costs). */
  public long bytes() {
    return (long) arena.length * 8 + (long) table.length * 8;
  }

  /** Returns the id of {@code packed} (words at {@code off}), adding it if new: new ids are >= 0, known ones -id-1. */
  public int addOrGet(long[] packed, int off) {
    return addOrGet(packed, off, hash(packed, off));
  }

  /** {@link #addOrGet(long[], int)} with the state's {@link #hash} computed by the caller (another thread). */
  int addOrGet(long[] packed, int off, long h) {
    long fp = h & 0xFFFFFFFF00000000L;
    int i = (int) h & mask;
    while (true) {
      long e = table[i];
      if (e == 0) break;
      if ((e & 0xFFFFFFFF00000000L) == fp) {
        int id = (int) e - 1;
        if (same(id, packed, off)) return -id - 1;
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    if ((long) size * words > arena.length) {
      long n = Math.min((long) arena.length * 2, Integer.MAX_VALUE - 8);
      if (n < (long) size * words) throw new IllegalStateException("state arena full");
      arena = Arrays.copyOf(arena, (int) n);
    }
    System.arraycopy(packed, off, arena, id * words, words);
    table[i] = fp | (id + 1L);
    if (size * 4L > table.length * 3L) rehash();
    return id;
  }

  /** The arena as it is now: states below {@link #size()} stay valid in it after it is replaced. */
  long[] arena() {
    return arena;
  }

  /**
   * A lookup from another thread while this one keeps adding: the id of the state among the first
   * {@code limit} ids, compared in {@code arena} (a snapshot holding them, published to the caller
   * before), or -1 when not found. It reads the table without a lock, so it may miss a state (a
   * slot or a rehashed table not yet visible): the caller then asks {@link #addOrGet}. An id it
   * returns is right: that stored state equals the words.
   */
  int find(long[] packed, int off, long h, long[] arena, int limit) {
    long[] t = table;
    int mk = t.length - 1;
    long fp = h & 0xFFFFFFFF00000000L;
    int i = (int) h & mk;
    for (int probes = 0; probes < t.length; probes++) {
      long e = t[i];
      if (e == 0) return -1;
      if ((e & 0xFFFFFFFF00000000L) == fp) {
        int id = (int) e - 1;
        if (id >= 0 && id < limit && sameIn(arena, id, packed, off)) return id;
      }
      i = (i + 1) & mk;
    }
    return -1;
  }

  private boolean sameIn(long[] a, int id, long[] packed, int off) {
    int base = id * words;
    for (int i = 0; i < words; i++) if (a[base + i] != packed[off + i]) return false;
    return true;
  }

  /** Whether state {@code id} holds the words at {@code off}. */
  boolean holds(int id, long[] packed, int off) {
    return same(id, packed, off);
  }

  public void read(int id, State into) {
    into.unpack(arena, id * words);
  }

  private boolean same(int id, long[] packed, int off) {
    int base = id * words;
    for (int i = 0; i < words; i++) if (arena[base + i] != packed[off + i]) return false;
    return true;
  }

  /** A 64-bit hash: the words folded by multiply-xorshift, then murmur3's fmix64. */
  long hash(long[] a, int off) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < words; i++) {
      h = (h ^ a[off + i]) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 29;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private void rehash() {
    long[] t = new long[table.length * 2];
    int mk = t.length - 1;
    for (int id = 0; id < size; id++) {
      long h = hash(arena, id * words);
      int i = (int) h & mk;
      while (t[i] != 0) i = (i + 1) & mk;
      t[i] = (h & 0xFFFFFFFF00000000L) | (id + 1L);
    }
    table = t;
    mask = mk;
  }
}

package oomlab.model.explore;

import java.util.Arrays;

/**
 * The visited set: packed states in one flat {@code long[]} arena (state {@code i} at words
 * {@code [i*W, i*W+W)}) and an open-addressing hash table of state ids. No object per state.
 */
public final class StateStore {
  private final int words;
  private long[] arena;
  private int size;
  private int[] table; // id + 1, 0 = empty
  private int mask;

  public StateStore(int words) {
    this.words = words;
    this.arena = new long[words * 1024];
    this.table = new int[4096];
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
    return (long) arena.length * 8 + (long) table.length * 4;
  }

  /** Returns the id of {@code packed} (words at {@code off}), adding it if new: new ids are >= 0, known ones -id-1. */
  public int addOrGet(long[] packed, int off) {
    int h = hash(packed, off) & mask;
    while (true) {
      int e = table[h];
      if (e == 0) break;
      if (same(e - 1, packed, off)) return -(e - 1) - 1;
      h = (h + 1) & mask;
    }
    int id = size++;
    if ((long) size * words > arena.length) {
      long n = Math.min((long) arena.length * 2, Integer.MAX_VALUE - 8);
      if (n < (long) size * words) throw new IllegalStateException("state arena full");
      arena = Arrays.copyOf(arena, (int) n);
    }
    System.arraycopy(packed, off, arena, id * words, words);
    table[h] = id + 1;
    if (size * 2 > table.length) rehash();
    return id;
  }

  public void read(int id, State into) {
    into.unpack(arena, id * words);
  }

  private boolean same(int id, long[] packed, int off) {
    int base = id * words;
    for (int i = 0; i < words; i++) if (arena[base + i] != packed[off + i]) return false;
    return true;
  }

  private int hash(long[] a, int off) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < words; i++) {
      h ^= a[off + i];
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    return (int) (h ^ (h >>> 32));
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int mk = t.length - 1;
    for (int id = 0; id < size; id++) {
      int h = hash(arena, id * words) & mk;
      while (t[h] != 0) h = (h + 1) & mk;
      t[h] = id + 1;
    }
    table = t;
    mask = mk;
  }
}

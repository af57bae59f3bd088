package oomlab.controller.matrix;

import java.util.List;
import java.util.Map;

/**
 * The K-th of N deterministic slices of a matrix's work ({@code --shard K/N}, 1-based): the
 * (cell, scenario, repetition) list in matrix order, cut into N contiguous runs of nearly equal
 * length, so that a shard boots few cells and the shards' results concatenated in K order are the
 * matrix's order. K/N also comes from the environment, so that a Kubernetes Indexed Job or a CI
 * matrix needs no wrapper: {@code OOMLAB_SHARD=K/N}, or {@code JOB_COMPLETION_INDEX} (0-based, set
 * by an Indexed Job) with {@code OOMLAB_SHARDS=N}.
 */
public record Shard(int index, int count) {
  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("--shard " + index + "/" + count + ": K must be 1 to N and N at least 1");
    }
  }

  public static Shard parse(String text) {
    String[] parts = text.strip().split("/", -1);
    try {
      if (parts.length != 2) throw new NumberFormatException();
      return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shard: expected K/N (e.g. 2/4), got \"" + text + "\"");
    }
  }

  /** The shard the environment names, or null. */
  public static Shard fromEnvironment(Map<String, String> env) {
    String shard = env.get("OOMLAB_SHARD");
    if (shard != null && !shard.isBlank()) return parse(shard);
    String index = env.get("JOB_COMPLETION_INDEX");
    if (index == null || index.isBlank()) return null;
    String count = env.get("OOMLAB_SHARDS");
    if (count == null || count.isBlank()) {
      throw new IllegalArgumentException("JOB_COMPLETION_INDEX is " + index + " but OOMLAB_SHARDS (the Job's completions) is not set");
    }
    try {
      return new Shard(Integer.parseInt(index.strip()) + 1, Integer.parseInt(count.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("JOB_COMPLETION_INDEX=" + index + ", OOMLAB_SHARDS=" + count + ": not whole numbers");
    }
  }

  /** This shard's part of {@code items}: [floor((K-1)L/N), floor(KL/N)). */
  public <T> List<T> slice(List<T> items) {
    int n = items.size();
    return items.subList((int) ((long) (index - 1) * n / count), (int) ((long) index * n / count));
  }

  public String label() {
    return index + "/" + count;
  }
}

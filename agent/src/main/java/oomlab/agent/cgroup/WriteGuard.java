package oomlab.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether the agent may create or write a cgroup path: only at or below its root, never
 * the cgroup the agent was started in (the surrounding system owns it; on this host it is
 * {@code /process_api/...}). Paths are normalized and, where they exist, resolved to their real
 * path, so neither {@code ..} nor a symlink can lead a write out of the root.
 */
public final class WriteGuard {
  private final Optional<Path> root;
  private final Optional<Path> ownCgroup;

  private WriteGuard(Optional<Path> root, Optional<Path> ownCgroup) {
    this.root = root.map(WriteGuard::real);
    this.ownCgroup = ownCgroup.map(WriteGuard::real);
  }

  /** Writes allowed at or below {@code root}, except in {@code ownCgroup} (the agent's own memcg). */
  public static WriteGuard below(Path root, Optional<Path> ownCgroup) {
    return new WriteGuard(Optional.of(root), ownCgroup);
  }

  /** Every write refused: for observing cgroups the agent does not own ({@code oomlab listen}). */
  public static WriteGuard readOnly() {
    return new WriteGuard(Optional.empty(), Optional.empty());
  }

  /** The directory a write to {@code target} (a cgroup directory or a file in one) may touch. */
  public void check(Path target) throws CgroupWriteRefusedException {
    if (root.isEmpty()) {
      throw new CgroupWriteRefusedException(target, "this cgroup is opened read-only (not created by oomlab)");
    }
    Path real = real(target);
    if (!real.startsWith(root.get())) {
      throw new CgroupWriteRefusedException(target, "not below the agent root " + root.get());
    }
    // The agent's own cgroup may be an ancestor (v2 guest: the agent runs in the mount root and its
    // root is <mount>/oomlab): creating a child there is fine, writing one of its files is not.
    boolean ownFile = ownCgroup.isPresent() && real.getParent().equals(ownCgroup.get()) && Files.isRegularFile(real);
    if (ownCgroup.isPresent() && real.equals(ownCgroup.get()) || ownFile) {
      throw new CgroupWriteRefusedException(target, "it is the cgroup the agent runs in");
    }
  }

  /** True when {@code dir} is at or below the root. */
  public boolean covers(Path dir) {
    return root.isPresent() && real(dir).startsWith(root.get());
  }

  /**
   * The real path of {@code p}: the longest existing prefix resolved through symlinks, the rest
   * appended after normalization (a cgroup about to be created does not exist yet).
   */
  static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    Path rest = abs.getFileSystem().getPath("");
    while (existing != null && !Files.exists(existing)) {
      rest = existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(rest).normalize();
    } catch (IOException e) {
      return abs;
    }
  }
}

package oomlab.agent.proc;

import java.io.IOException;

/**
 * The kernel refused an operation for want of a capability the agent's root lacks, e.g. a negative
 * {@code oom_score_adj} without CAP_SYS_RESOURCE (this host's root has CapEff 000001fffeffffff).
 * A scenario that needs it cannot run here and must say so, never run with the value dropped.
 */
public final class MissingCapabilityException extends IOException {
  private final String capability;

  public MissingCapabilityException(String capability, String message, Throwable cause) {
    super(message, cause);
    this.capability = capability;
  }

  /** The capability's name, e.g. {@code CAP_SYS_RESOURCE}. */
  public String capability() {
    return capability;
  }
}

package oomlab.bindings;

import java.io.IOException;

/**
 * Use of an {@link Fd} after {@link Fd#close()}: raised before any system call, so a closed fd's
 * number (which the kernel may already have handed to someone else) is never passed to the kernel.
 */
public final class FdClosedException extends IOException {
  FdClosedException(String what) {
    super(what + " is closed");
  }
}

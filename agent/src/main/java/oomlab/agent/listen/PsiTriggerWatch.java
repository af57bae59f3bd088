package oomlab.agent.listen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import oomlab.bindings.Epoll;
import oomlab.bindings.Fd;
import oomlab.bindings.FileIo;

/**
 * A PSI trigger on a cgroup v2 {@code memory.pressure} (Documentation/accounting/psi.rst): we write
 * {@code "some|full <stall us> <window us>"} to an fd we keep open, and the kernel signals POLLPRI
 * on it each time the stall in a window exceeds the threshold (at most once per window). A
 * trigger whose cgroup is removed reports POLLERR: that ends the watch with {@code removed}.
 */
final class PsiTriggerWatch implements Watch {
  private final String label;
  private final Fd fd;

  private PsiTriggerWatch(String label, Fd fd) {
    this.label = label;
    this.fd = fd;
  }

  static PsiTriggerWatch register(String label, Path cgroupDir, String trigger) throws IOException {
    Path pressure = cgroupDir.resolve("memory.pressure");
    Fd fd = FileIo.open(pressure, FileIo.O_RDWR | FileIo.O_NONBLOCK);
    try {
      // The trigger string must include its terminating NUL, and stays armed while this fd is open.
      byte[] bytes = (trigger + "\0").getBytes(StandardCharsets.US_ASCII);
      FileIo.write(fd, bytes, 0, bytes.length, pressure + " \"" + trigger + "\"");
      return new PsiTriggerWatch(label, fd);
    } catch (IOException | RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  @Override
  public Fd fd() {
    return fd;
  }

  @Override
  public int epollEvents() {
    return Epoll.EPOLLPRI;
  }

  @Override
  public boolean onReady(int epollEvents, long nowNs, List<OomEvent> out) {
    if ((epollEvents & Epoll.EPOLLERR) != 0) {
      out.add(new OomEvent(nowNs, label, OomEvent.Kind.REMOVED, 1));
      return false;
    }
    if ((epollEvents & Epoll.EPOLLPRI) != 0) out.add(new OomEvent(nowNs, label, OomEvent.Kind.PRESSURE, 1));
    return true;
  }

  @Override
  public void close() {
    fd.close();
  }
}

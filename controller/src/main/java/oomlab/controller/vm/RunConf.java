package oomlab.controller.vm;

import java.util.List;

/**
 * {@code /oomlab/run.conf}: the shell fragment the guest init sources. Every value is single-quoted
 * so that paths and arguments reach the command exactly as given on the host.
 */
final class RunConf {
  private RunConf() {}

  static String text(GuestRequest r) {
    StringBuilder s = new StringBuilder("# written by oomlab for one guest boot\n");
    s.append("OOMLAB_CGROUP=").append(quote(r.cgroup().label())).append('\n');
    s.append("OOMLAB_RESULTS=").append(quote(r.resultsDir().toString())).append('\n');
    s.append("OOMLAB_CWD=").append(quote(r.workDir().toString())).append('\n');
    if (r.scratchDisk() != null) {
      s.append("OOMLAB_SCRATCH=").append(quote(ScratchDisk.MOUNT_POINT)).append('\n');
    }
    s.append("set --");
    for (String arg : r.command()) {
      s.append(' ').append(quote(arg));
    }
    return s.append('\n').toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String commandLine(List<String> argv) {
    return String.join(" ", argv.stream().map(a -> a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : quote(a)).toList());
  }
}

package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import oomlab.cli.DoctorCommand.Check;
import oomlab.cli.DoctorCommand.Status;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
  @Test
  void anyFailureMeansEnvironmentMissingExit3() {
    assertThat(DoctorCommand.exitCode(List.of(new Check(Status.OK, "root", "euid 0"), new Check(Status.WARN, "gcc", "missing"))))
        .isEqualTo(Oomlab.EXIT_OK);
    assertThat(DoctorCommand.exitCode(List.of(new Check(Status.OK, "root", "euid 0"), new Check(Status.FAIL, "memory cgroup", "none"))))
        .isEqualTo(Oomlab.EXIT_ENVIRONMENT);
  }

  @Test
  void onThisMachineItPrintsOneLinePerCheck() {
    var cl = Oomlab.commandLine();
    var out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    int exit = cl.execute("doctor");
    String text = out.toString();
    for (String name : new String[] {"root", "kernel", "CAP_SYS_RESOURCE", "memory cgroup", "/dev/kmsg", "JDK", "gcc", "qemu-system-x86_64"}) {
      assertThat(text).as(name).containsPattern("(?m)^(ok|warn|fail) +" + java.util.regex.Pattern.quote(name) + " ");
    }
    // Exit 3 exactly when a line says fail: the exit code and the report agree.
    assertThat(exit).isEqualTo(text.contains("\nfail ") || text.startsWith("fail ") ? Oomlab.EXIT_ENVIRONMENT : Oomlab.EXIT_OK);
  }

  @Test
  void findsExecutablesOnPath() {
    assertThat(DoctorCommand.onPath("sh")).isPresent();
    assertThat(DoctorCommand.onPath("no-such-tool-oomlab")).isEmpty();
  }
}

package oomlab.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import oomlab.agent.KernelRequirement;
import oomlab.controller.kernel.CachedKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.console.ConsoleLauncher;
import org.w3c.dom.Element;

/**
 * The agent's cgroup v2 tests (tagged {@link KernelRequirement#GUEST_CGROUP_V2}, left out of the
 * host's surefire run because this host binds memory to v1) run for real: one boot of Debian's 6.1
 * under QEMU TCG with cgroup v2, where the JUnit Platform console launcher runs them from this
 * JVM's test class path (the guest sees the host root) with {@code OOMLAB_REQUIRE_KERNEL=1}. A test
 * that aborts in the guest fails this one: there nothing may be missing.
 */
class AgentV2TestsInDebian61GuestTest {
  /** Three test classes, seven tests when this was written; fewer means some were not found. */
  private static final int AT_LEAST = 7;
  private static final Duration TIMEOUT = Duration.ofMinutes(6);

  @Test
  void theTaggedV2TestsAllSucceedInTheGuest(@TempDir Path results) throws Exception {
    CachedKernel kernel = GuestRequirement.kernel("6.1");
    Path reports = results.resolve("junit");
    Path output = results.resolve("launcher.out");
    List<String> launcher = new ArrayList<>(List.of("env", "OOMLAB_REQUIRE_KERNEL=1", AgentJvm.java().toString()));
    launcher.addAll(AgentJvm.OPTIONS);
    launcher.addAll(List.of("-cp", testClassPath(), ConsoleLauncher.class.getName(), "execute", "--disable-banner",
        "--details=tree", "--fail-if-no-tests", "--include-tag", KernelRequirement.GUEST_CGROUP_V2,
        "--select-package", "oomlab.agent", "--reports-dir", reports.toString()));
    // sh -c SCRIPT OUTPUT ARGV...: the launcher's output goes to the results share, not the console.
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" > \"$0\" 2>&1", output.toString()));
    command.addAll(launcher);

    GuestResult r = Guests.run(GuestRequest.of(kernel, CgroupMode.V2, command, results, TIMEOUT), System.err, 0);
    String out = Files.isRegularFile(output) ? Files.readString(output) : "(no launcher output)";
    System.err.println(out);

    assertThat(r.end()).as(r.describe()).isEqualTo(GuestResult.End.EXITED);
    assertThat(r.commandStatus()).as("console launcher exit status\n" + out).isZero();
    Counts c = Counts.of(reports);
    assertThat(c.tests()).as("tests run in the guest\n" + out).isGreaterThanOrEqualTo(AT_LEAST);
    assertThat(c.failures() + c.errors()).as("failed tests\n" + out).isZero();
    assertThat(c.skipped()).as("skipped or aborted tests (OOMLAB_REQUIRE_KERNEL=1 in a v2 guest)\n" + out).isZero();
  }

  /**
   * The test class path of this JVM: surefire sets {@code java.class.path} to it in the forked JVM
   * (the JVM itself started from a manifest-only booter jar).
   */
  private static String testClassPath() {
    String cp = System.getProperty("java.class.path");
    assertThat(cp).as("test class path").contains("junit-platform-console").contains("agent");
    return cp;
  }

  /** Totals over the launcher's legacy XML reports (the testsuite element's attributes). */
  record Counts(int tests, int failures, int errors, int skipped) {
    static Counts of(Path reports) throws Exception {
      List<Path> files;
      try (Stream<Path> s = Files.list(reports)) {
        files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList();
      } catch (IOException e) {
        throw new AssertionError("no JUnit XML report in " + reports, e);
      }
      assertThat(files).as("JUnit XML reports in " + reports).isNotEmpty();
      int tests = 0;
      int failures = 0;
      int errors = 0;
      int skipped = 0;
      for (Path f : files) {
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile()).getDocumentElement();
        tests += Integer.parseInt(suite.getAttribute("tests"));
        failures += Integer.parseInt(suite.getAttribute("failures"));
        errors += Integer.parseInt(suite.getAttribute("errors"));
        skipped += Integer.parseInt(suite.getAttribute("skipped"));
      }
      return new Counts(tests, failures, errors, skipped);
    }
  }
}

package oomlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import oomlab.controller.selftest.Selftests;
import oomlab.controller.vm.CgroupMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oomlab selftests KERNEL [--cgroup v2]}: the kernel's own memcg selftests in oomlab's guest. See {@link Selftests}. */
@Command(name = "selftests", mixinStandardHelpOptions = true,
    description = {"Build the kernel's cgroup selftests (test_memcontrol, test_kmem, test_core) from that kernel's source and run",
        "them in the guest oomlab's scenarios run in, on an ext4 scratch disk; KTAP output passed through, a summary per program."},
    footer = {"", "Example:", "  oomlab selftests 6.1 --cgroup v2",
        "", "Exit codes: 0 every test passed or was skipped, 1 a test failed, 2 bad input, 3 no source or the build failed,",
        "4 guest kernel panic, 5 timeout."})
public final class SelftestsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KERNEL",
      description = "a Debian kernel line (its linux-source is fetched), a name from 'oomlab kernels add' or a build tree")
  String kernel;

  @Option(names = "--cgroup", defaultValue = "v2", description = "v1 or v2 (default ${DEFAULT-VALUE}; the tests need cgroup v2)")
  String cgroup;

  @Option(names = "--programs", split = ",", paramLabel = "LIST", description = "which programs (default: all three)")
  List<String> programs = Selftests.PROGRAMS;

  @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: a new directory under /tmp)")
  Path out;

  @Option(names = "--timeout", defaultValue = "1200", paramLabel = "SECONDS", description = "seconds before QEMU is killed (exit 5)")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    CgroupMode mode;
    try {
      mode = CgroupMode.parse(cgroup);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("oomlab selftests: --cgroup: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    Path results = out != null ? out : Files.createTempDirectory("oomlab-selftests-");
    int code = Selftests.run(kernel, mode, programs, results, Duration.ofSeconds(timeoutSeconds), spec.commandLine().getOut(),
        spec.commandLine().getErr());
    spec.commandLine().getErr().println("oomlab selftests: results in " + results);
    return code;
  }
}

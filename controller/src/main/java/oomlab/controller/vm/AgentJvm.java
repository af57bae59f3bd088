package oomlab.controller.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command line the guest starts the agent with: this very JDK and class path (the guest
 * sees the host root), tuned for a JVM start under TCG, where the emulated CPU makes every
 * compiled method and every loaded class expensive: C1 only, the serial collector (no GC threads
 * to start), no perf-data file, and the AOT cache a guest trained ({@link AgentAotCache}),
 * mapped at the address it was built for ({@code ArchiveRelocationMode=0}; the default 1 maps it
 * elsewhere and patches every pointer in it, which cost 1.5 s of the guest JVM's 3.5 s start).
 */
public final class AgentJvm {
  static final List<String> OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
      "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
      "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

  private AgentJvm() {}

  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public static String classPath() {
    return System.getProperty("java.class.path");
  }

  /**
   * {@code java OPTIONS properties AOT-options -cp CP mainClass}, to be followed by the main's arguments.
   *
   * @param aotOptions from {@link AgentAotCache#guestOptions}
   */
  public static List<String> command(List<String> aotOptions, List<String> properties, String mainClass) {
    List<String> cmd = new ArrayList<>(List.of(java().toString()));
    cmd.addAll(OPTIONS);
    cmd.addAll(properties);
    cmd.addAll(aotOptions);
    cmd.addAll(List.of("-cp", classPath(), mainClass));
    return cmd;
  }
}

package oomlab.agent.workload;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the C workload program ({@code native-bindings/target/oomlab-workload}, built by Maven).
 * Looked for, first hit wins:
 * <ol>
 *   <li>the system property {@code oomlab.workload} (a path to the program);</li>
 *   <li>{@code $OOMLAB_HOME/native-bindings/target/oomlab-workload} (the {@code oomlab} launcher
 *       sets OOMLAB_HOME to the checkout, also inside a guest where the checkout is the host's);</li>
 *   <li>walking up from where this class was loaded (a reactor's {@code agent/target/classes} or
 *       {@code controller/target/lib/agent-*.jar}) to a directory holding
 *       {@code native-bindings/target/oomlab-workload}: tests and IDE runs need no setup.</li>
 * </ol>
 */
public final class WorkloadBinary {
  public static final String PROPERTY = "oomlab.workload";
  static final Path RELATIVE = Path.of("native-bindings", "target", "oomlab-workload");

  private WorkloadBinary() {}

  /** The program's path; an {@link IllegalStateException} lists every place looked at. */
  public static Path locate() {
    List<Path> tried = candidates();
    return tried.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
        new IllegalStateException("oomlab-workload not found (build with mvn package); looked at " + tried));
  }

  static List<Path> candidates() {
    List<Path> paths = new ArrayList<>();
    Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).ifPresent(paths::add);
    Optional.ofNullable(System.getenv("OOMLAB_HOME")).map(h -> Path.of(h).resolve(RELATIVE)).ifPresent(paths::add);
    for (Path dir = codeLocation(); dir != null; dir = dir.getParent()) {
      paths.add(dir.resolve(RELATIVE));
    }
    return paths;
  }

  private static Path codeLocation() {
    try {
      return Path.of(WorkloadBinary.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | NullPointerException | SecurityException e) {
      return null;
    }
  }
}

package oomlab.controller.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A kernel line oomlab can boot, e.g. {@code 6.1} from Debian's {@code bookworm}. The table lives
 * in {@code vm-images/kernels.properties} (packaged into the controller jar) so that adding a
 * kernel line is a data change, not a code change.
 */
public record KernelSpec(String version, String suite) {

  static final String TABLE = "/vm-images/kernels.properties";

  public static List<KernelSpec> all() {
    Properties table = new Properties();
    try (InputStream in = KernelSpec.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TABLE + " (is vm-images/ packaged?)");
      }
      table.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<KernelSpec> specs = new ArrayList<>();
    for (String version : table.stringPropertyNames()) {
      specs.add(new KernelSpec(version, table.getProperty(version).trim()));
    }
    specs.sort((a, b) -> KernelPackageResolver.compareVersions(a.version, b.version));
    return specs;
  }

  public static Optional<KernelSpec> of(String version) {
    return all().stream().filter(s -> s.version.equals(version)).findFirst();
  }

  /** "5.10, 6.1, 6.12, 7.2": for error messages that list what is possible. */
  public static String known() {
    return String.join(", ", all().stream().map(KernelSpec::version).toList());
  }
}

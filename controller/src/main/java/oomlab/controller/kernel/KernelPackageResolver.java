package oomlab.controller.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the newest amd64 kernel build of a kernel line from package names (the output of
 * {@code apt-cache pkgnames linux-} over the private lists). Older suites ship one package
 * {@code linux-image-ABI-amd64}; from 7.x Debian splits it into {@code linux-binary-*} (vmlinuz),
 * {@code linux-modules-*} and {@code linux-base-*} (config, modules.builtin), with the image
 * package only a meta package.
 */
public final class KernelPackageResolver {
  private KernelPackageResolver() {}

  public static Optional<KernelPackages> resolve(String version, List<String> packageNames) {
    // "6.1" must not match "6.12.x": the version is followed by '.' and a number, then the ABI suffix.
    Pattern image = Pattern.compile("linux-(?:image|binary)-(" + Pattern.quote(version) + "\\.\\d+[-+][a-z0-9]+)-amd64");
    Set<String> names = new TreeSet<>();
    Set<String> abis = new TreeSet<>();
    for (String raw : packageNames) {
      String name = raw.strip();
      names.add(name);
      Matcher m = image.matcher(name);
      if (m.matches()) {
        abis.add(m.group(1));
      }
    }
    return abis.stream().max(Comparator.comparing(a -> a, KernelPackageResolver::compareVersions)).map(abi -> {
      List<String> packages = new ArrayList<>();
      String binary = "linux-binary-" + abi + "-amd64";
      if (names.contains(binary)) {
        packages.add(binary);
        packages.add("linux-modules-" + abi + "-amd64");
        String base = "linux-base-" + abi + "-amd64";
        if (names.contains(base)) {
          packages.add(base);
        }
      } else {
        packages.add("linux-image-" + abi + "-amd64");
      }
      return new KernelPackages(version, abi, List.copyOf(packages));
    });
  }

  /** Compares "6.12.107+deb13" and "6.12.94+deb13" by their numbers, left to right. */
  public static int compareVersions(String a, String b) {
    long[] x = numbers(a);
    long[] y = numbers(b);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] != y[i]) {
        return Long.compare(x[i], y[i]);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static long[] numbers(String s) {
    return Arrays.stream(s.split("\\D+")).filter(t -> !t.isEmpty()).mapToLong(Long::parseLong).toArray();
  }
}

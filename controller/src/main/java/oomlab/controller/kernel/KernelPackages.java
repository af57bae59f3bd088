package oomlab.controller.kernel;

import java.util.List;

/**
 * The Debian packages that make up one kernel build. {@code abi} is Debian's ABI name
 * ({@code 6.1.0-50}, {@code 7.2.13+deb14}); the kernel release (uname -r) is {@code abi-amd64}.
 */
public record KernelPackages(String version, String abi, List<String> packages) {
  public String release() {
    return abi + "-amd64";
  }
}

package oomlab.controller.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of one guest. Chosen for boot time under TCG (KVM hangs on this kind of
 * machine): q35 with {@code -nodefaults} (no VGA, NIC or option ROMs), direct {@code -kernel}
 * boot of the PVH vmlinux when there is one, and a kernel command line that skips the slow parts
 * of a TCG boot: the secondary CPU's delay-loop calibration ({@code lpj=}) and the crypto
 * self-tests ({@code cryptomgr.notests}), the timer check that a slow TCG guest can fail, and
 * the read-only marking of the kernel's text and data with its W+X page-table walk ({@code
 * rodata=off}: 0.17-0.30 s of a 6.1 boot's 2.2-2.5 s to /init under TCG; a test guest runs no
 * code that needs that protection).
 */
public final class QemuCommand {
  public static final String BINARY = "qemu-system-x86_64";
  public static final String STATUS_PORT = "oomlab.status";

  private QemuCommand() {}

  /**
   * @param lpj loops per jiffy for the kernel ({@code lpj=}), or 0 to let it calibrate
   */
  public static List<String> argv(GuestRequest r, Path initramfs, Path console, Path status, long lpj) {
    List<String> cmd = new ArrayList<>(List.of(BINARY,
        "-name", "oomlab-" + r.kernel().version(),
        "-accel", "tcg,thread=multi", "-cpu", "max", "-machine", "q35",
        "-m", r.memoryMiB() + "M", "-smp", String.valueOf(r.cpus()),
        "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
        "-kernel", r.kernel().bootImage().toString(),
        "-initrd", initramfs.toString(),
        "-append", String.join(" ", kernelArgs(r, lpj)),
        "-chardev", "file,id=console,path=" + console,
        "-serial", "chardev:console",
        "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
        "-virtfs", "local,path=" + r.resultsDir() + ",mount_tag=results,security_model=none,multidevs=remap",
        "-device", "virtio-serial-pci",
        "-chardev", "file,id=status,path=" + status,
        "-device", "virtserialport,chardev=status,name=" + STATUS_PORT));
    if (r.scratchDisk() != null) {
      // cache=unsafe: the disk is thrown away after the boot, its flushes need not reach the host's disk.
      cmd.addAll(List.of("-drive", "file=" + r.scratchDisk() + ",if=virtio,format=raw,cache=unsafe"));
    }
    return List.copyOf(cmd);
  }

  static List<String> kernelArgs(GuestRequest r, long lpj) {
    // no_timer_check: under TCG on a busy host the IO-APIC timer check sees too few ticks and
    // panics ("IO-APIC + timer doesn't work!"); it was seen here while other builds ran.
    List<String> args = new ArrayList<>(List.of("console=ttyS0", "panic=-1", "quiet", "cryptomgr.notests", "no_timer_check", "rodata=off"));
    if (lpj > 0) {
      args.add("lpj=" + lpj);
    }
    args.addAll(r.cgroup().kernelArgs());
    args.addAll(r.extraKernelArgs());
    return args;
  }

  /**
   * Loops per jiffy as the kernel would calibrate them: CPU kHz * 1000 / HZ. Under TCG the
   * secondary CPU's calibration takes about a second and fails anyway ("failed to get a good
   * estimate for loops_per_jiffy"); delays use the TSC, so the value needs only be plausible.
   */
  public static long lpj(double cpuMHz, int hz) {
    return cpuMHz <= 0 || hz <= 0 ? 0 : Math.round(cpuMHz * 1_000_000 / hz);
  }
}

package oomlab.bindings;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A Linux errno value with its name ({@code ENOENT}) and libc's description ({@code No such file or
 * directory}), instead of a bare int. Names are the kernel's ({@code include/uapi/asm-generic/errno*.h});
 * the description comes from {@code strerror(3)} so it reads exactly like {@code perror} output.
 */
public final class Errno {
  // Index = errno number; null where the kernel defines no name (41, 58: aliases).
  private static final String[] NAMES = {
      null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
      "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK",
      "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE",
      "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK",
      "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
      "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST",
      "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO",
      "EBADRQC", "EBADSLT", null, "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR",
      "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO",
      "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC",
      "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS",
      "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP",
      "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED",
      "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED",
      "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL",
      "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED",
      "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",
  };
  private static final Errno[] KNOWN = new Errno[NAMES.length];

  static {
    for (int i = 1; i < NAMES.length; i++) if (NAMES[i] != null) KNOWN[i] = new Errno(i, NAMES[i]);
  }

  public static final Errno EPERM = of(1);
  public static final Errno ENOENT = of(2);
  public static final Errno ESRCH = of(3);
  public static final Errno EINTR = of(4);
  public static final Errno EIO = of(5);
  public static final Errno EBADF = of(9);
  public static final Errno ECHILD = of(10);
  public static final Errno EAGAIN = of(11);
  public static final Errno ENOMEM = of(12);
  public static final Errno EACCES = of(13);
  public static final Errno EBUSY = of(16);
  public static final Errno EEXIST = of(17);
  public static final Errno ENOTDIR = of(20);
  public static final Errno EINVAL = of(22);
  public static final Errno ENOSPC = of(28);
  public static final Errno EPIPE = of(32);
  public static final Errno ENOSYS = of(38);
  public static final Errno ENOTEMPTY = of(39);

  private static final MethodHandle STRERROR =
      NativeCall.plain("strerror", FunctionDescriptor.of(NativeCall.C_POINTER, NativeCall.C_INT));

  private final int number;
  private final String name;
  private volatile String description;

  private Errno(int number, String name) {
    this.number = number;
    this.name = name;
  }

  /** The errno for {@code number}; numbers without a kernel name get {@code E<number>}. */
  public static Errno of(int number) {
    if (number > 0 && number < KNOWN.length && KNOWN[number] != null) return KNOWN[number];
    return new Errno(number, "E" + number);
  }

  public int number() {
    return number;
  }

  /** The kernel's symbolic name, e.g. {@code EBUSY}. */
  public String name() {
    return name;
  }

  /** strerror(3) text, e.g. {@code Device or resource busy}. */
  public String description() {
    String d = description;
    if (d == null) description = d = strerror(number);
    return d;
  }

  private static String strerror(int number) {
    try {
      // glibc's strerror returns a pointer to a constant string for known numbers (and to a
      // thread-local buffer for unknown ones): copy it out at once.
      MemorySegment p = (MemorySegment) STRERROR.invokeExact(number);
      return p.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      throw NativeCall.unexpected(t);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Errno e && e.number == number;
  }

  @Override
  public int hashCode() {
    return number;
  }

  /** {@code ENOENT (No such file or directory)}. */
  @Override
  public String toString() {
    return name + " (" + description() + ")";
  }
}

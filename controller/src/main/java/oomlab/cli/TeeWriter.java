package oomlab.cli;

import java.io.IOException;
import java.io.Writer;

/** Writes to two writers: the terminal, and a copy kept for a file. */
final class TeeWriter extends Writer {
  private final Writer a;
  private final Writer b;

  TeeWriter(Writer a, Writer b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    a.write(buf, off, len);
    b.write(buf, off, len);
  }

  @Override
  public void flush() throws IOException {
    a.flush();
    b.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}

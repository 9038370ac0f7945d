package io.sluice.app;

import java.io.PrintWriter;

/** A progress line: rewritten in place on a terminal, printed now and then otherwise. */
final class Progress {

  private final PrintWriter out;
  private final boolean terminal;
  private long lastPrintedSecond = -1;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void update(long elapsedSeconds, String line) {
    if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
    } else if (elapsedSeconds / 5 != lastPrintedSecond / 5) {
      lastPrintedSecond = elapsedSeconds;
      out.println(line);
      out.flush();
    }
  }

  void done(String line) {
    if (terminal) {
      out.print("\r" + line + "   ");
    }
    out.println(terminal ? "" : line);
    out.flush();
  }
}

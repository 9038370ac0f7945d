package io.sluice.app.console;

import java.io.PrintWriter;
import java.time.Duration;

/** A progress line: rewritten in place on a terminal, printed now and then otherwise. */
public final class Progress {

  private final PrintWriter out;
  private final boolean terminal;
  private long lastPrintedSecond = -1;

  /** @param terminal whether {@code out} is a terminal, where the line is rewritten in place */
  public Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows {@code line}; off a terminal, at most once every five seconds of {@code elapsedSeconds}. */
  public void update(long elapsedSeconds, String line) {
    if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
    } else if (elapsedSeconds / 5 != lastPrintedSecond / 5) {
      lastPrintedSecond = elapsedSeconds;
      out.println(line);
      out.flush();
    }
  }

  /** Shows the last line and ends it. */
  public void done(String line) {
    if (terminal) {
      out.print("\r" + line + "   ");
    }
    out.println(terminal ? "" : line);
    out.flush();
  }

  /** {@code hh:mm:ss}, for simulated time on a progress line. */
  public static String hms(Duration d) {
    return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}

package io.sluice.app.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Logging adjustments for commands whose own output says what happens. */
public final class Logging {

  private Logging() {}

  /** Silences the gateway's line per request below warnings: a progress display says more, and they would bury it. */
  public static void quietAccessLog() {
    ((Logger) LoggerFactory.getLogger("sluice.access")).setLevel(Level.WARN);
  }
}

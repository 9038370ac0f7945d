package io.sluice.gateway.upstream;

import java.time.Duration;

/**
 * Why an upstream attempt ended without a complete response.
 *
 * @param kind what went wrong
 * @param afterHead whether the response's head had already arrived
 * @param detail a message for operators and clients; never carries a key
 */
public record AttemptFailure(Kind kind, boolean afterHead, String detail) {

  /** The ways an attempt fails on the wire. */
  public enum Kind {
    /** The connection could not be opened (refused, unresolvable, TLS handshake failed). */
    CONNECT,
    CONNECT_TIMEOUT,
    FIRST_BYTE_TIMEOUT,
    IDLE_TIMEOUT,
    TOTAL_TIMEOUT,
    /** The upstream closed the connection before the response was complete. */
    CLOSED,
    /** The upstream sent something that is not valid HTTP. */
    PROTOCOL;

    public boolean isTimeout() {
      return this == CONNECT_TIMEOUT || this == FIRST_BYTE_TIMEOUT || this == IDLE_TIMEOUT || this == TOTAL_TIMEOUT;
    }
  }

  static AttemptFailure timeout(Kind kind, boolean afterHead, String phase, Duration limit) {
    return new AttemptFailure(kind, afterHead, "upstream " + phase + " took longer than " + format(limit));
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}

package io.sluice.engine.breaker;

import java.time.Instant;
import java.util.Objects;

/** A breaker's answer to "may a call be sent now?". */
public sealed interface Permission {

  /** Closed: send, and {@link CircuitBreaker#record record} the outcome. */
  record Allowed() implements Permission {}

  /**
   * Half-open: this call is one of the few probes that decide whether the breaker closes. Send, and
   * record its outcome; if it will not be sent after all, {@link CircuitBreaker#cancelProbe give it
   * back}.
   */
  record Probe() implements Permission {}

  /**
   * Open: do not send; fall back, or tell the client.
   *
   * @param until the earliest instant the breaker may let a call through again
   */
  record Rejected(Instant until) implements Permission {
    public Rejected {
      Objects.requireNonNull(until, "until");
    }
  }

  /** The one {@link Allowed}. */
  Permission ALLOWED = new Allowed();

  /** The one {@link Probe}. */
  Permission PROBE = new Probe();

  /** Whether the call may be sent. */
  default boolean sends() {
    return !(this instanceof Rejected);
  }
}

package io.sluice.engine.admission;

import java.time.Duration;
import java.util.Objects;

/** How a queued request's wait ended; the value its {@link Waiter#result()} completes with. */
public sealed interface Result {

  /** How long it waited in the queue (for the client's queued-time header and the ledger). */
  Duration queuedFor();

  /** Admitted: send it now. */
  record Admitted(Duration queuedFor) implements Result {
    public Admitted {
      Objects.requireNonNull(queuedFor, "queuedFor");
    }
  }

  /**
   * Not admitted before its deadline, or no longer admissible before it: answer the client.
   *
   * @param retryAfter when admission becomes possible, when the owner said so; else zero
   */
  record TimedOut(Duration queuedFor, Duration retryAfter) implements Result {
    public TimedOut {
      Objects.requireNonNull(queuedFor, "queuedFor");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}

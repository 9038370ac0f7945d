package io.sluice.engine.admission;

import java.time.Duration;
import java.util.Objects;

/** The queue's answer to {@link AdmissionQueue#offer}: queued, or refused at once. */
public sealed interface Offer {

  /** Queued: {@code waiter}'s {@link Waiter#result()} completes when it is admitted or times out. */
  record Queued(Waiter waiter) implements Offer {
    public Queued {
      Objects.requireNonNull(waiter, "waiter");
    }
  }

  /**
   * Refused without waiting.
   *
   * @param reason why
   * @param retryAfter when to come back: for {@link Reason#DEADLINE_TOO_SOON}, exactly when
   *     admission becomes possible; for {@link Reason#QUEUE_FULL}, a hint (that instant, and at
   *     least a second)
   * @param message a sentence for the client's error
   */
  record Refused(Reason reason, Duration retryAfter, String message) implements Offer {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why a request was refused. */
  enum Reason {
    /** Its deadline passes before the earliest instant it could be admitted: holding it would be futile. */
    DEADLINE_TOO_SOON,
    /** As many requests wait as the queue holds. */
    QUEUE_FULL
  }
}

package io.sluice.engine.retry;

import java.time.Instant;
import java.util.Objects;

/** What {@link Backoff#next} decided about one failed attempt: send it again at an instant, or stop. */
public sealed interface RetryDecision {

  /**
   * Send the same call again at {@code instant}, and not before. Always before the request's
   * deadline and never before the {@code now} the decision was taken at.
   */
  record RetryAt(Instant instant) implements RetryDecision {
    public RetryAt {
      Objects.requireNonNull(instant, "instant");
    }
  }

  /**
   * Do not send the same call again: fall back to another candidate where the route allows, or
   * answer the client.
   *
   * @param reason why not
   * @param earliestRetry for {@link GiveUpReason#DEADLINE}, the instant a retry could have been
   *     sent (for the client's {@code Retry-After}); null otherwise
   */
  record GiveUp(GiveUpReason reason, Instant earliestRetry) implements RetryDecision {
    public GiveUp {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a call is not sent again. */
  enum GiveUpReason {
    /** The outcome's reaction forbids a retry (a daily cap, a bad request, a mid-stream failure…). */
    NOT_RETRYABLE,
    /** The request used its attempts, or its one retry for an outcome retried only once. */
    ATTEMPTS_EXHAUSTED,
    /** The wait (the upstream's hint or the backoff) would end at or after the deadline. */
    DEADLINE
  }
}

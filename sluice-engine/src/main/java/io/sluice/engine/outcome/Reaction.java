package io.sluice.engine.outcome;

import java.util.Objects;

/**
 * What the engine does by default about an outcome: DESIGN.md's error table as data. A route's
 * policy may narrow it (a route without paid candidates never falls back to one); nothing widens
 * it.
 *
 * @param retry whether, and when, the same call may be sent again
 * @param fallback whether the route's next candidate may be tried instead
 * @param countsTowardFreeDailyCap whether OpenRouter is taken to count the attempt toward the
 *     free-model daily cap, as it counts failed attempts too. True wherever unsure: counting one
 *     attempt too many costs a slot, counting one too few can cost a 429 that burns another
 */
public record Reaction(Retry retry, boolean fallback, boolean countsTowardFreeDailyCap) {

  /** Whether, and when, the same call may be sent again. */
  public enum Retry {
    /** Never: the same call cannot succeed (or not before the reset, hours away). */
    NO,
    /** Once the wait is over: the outcome's {@code retryAt}, or the pacer's window. */
    AFTER_WAIT,
    /** Within the request's attempt budget, backing off; a {@code retryAt} overrides the backoff. */
    WITH_BACKOFF,
    /** At most once more, within the budget. */
    ONCE
  }

  public Reaction {
    Objects.requireNonNull(retry, "retry");
  }

  /** Whether the same call may be sent again at all. */
  public boolean retryable() {
    return retry != Retry.NO;
  }

  /** The same reaction for an attempt whose response had started: nothing may replace it. */
  Reaction afterResponseStarted() {
    return new Reaction(Retry.NO, false, countsTowardFreeDailyCap);
  }

  /** The same reaction for an attempt that never reached the upstream. */
  Reaction neverSent() {
    return new Reaction(retry, fallback, false);
  }
}

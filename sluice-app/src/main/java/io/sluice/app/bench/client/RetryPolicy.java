package io.sluice.app.bench.client;

import java.time.Duration;

/** What a client does after a failed attempt: which model to try next, and when; or nothing more. */
@FunctionalInterface
public interface RetryPolicy {

  /** Retries after the first attempt, for every strategy. */
  int MAX_RETRIES = 5;

  /**
   * Decides after the attempt numbered {@code attempt} (1 for the first) failed as {@code failed},
   * sent to the model at {@code position} of a chain of {@code chainLength} models.
   *
   * @return the next attempt, or null to give up
   */
  Retry next(int attempt, AttemptResult failed, int position, int chainLength);

  /**
   * The next attempt.
   *
   * @param delay how long to wait before it, in simulated time
   * @param position the position in the chain of the model it asks for
   */
  record Retry(Duration delay, int position) {}
}

package io.sluice.app.bench.client;

import java.time.Duration;

/**
 * How one HTTP attempt ended, as the client saw it.
 *
 * @param status the HTTP status; 0 when no response came (a network error, or the client's deadline)
 * @param failure why it failed; null for a success (a 200 with choices)
 * @param retryAfter the {@code Retry-After} the answer carried, in simulated time; null when none
 * @param upstreamAttempts upstream attempts behind the answer, as Sluice's {@code X-Sluice-Attempts}
 *     says; -1 when the answer did not say (any direct answer, or one Sluice gave itself)
 * @param abandoned whether the client gave up while the answer was still on its way (its deadline):
 *     the upstream may have counted, or even served, the attempt
 */
public record AttemptResult(int status, Cause failure, Duration retryAfter, int upstreamAttempts, boolean abandoned) {

  /** Whether the attempt succeeded. */
  public boolean ok() {
    return failure == null;
  }

  /**
   * What a generic HTTP client retries: 408, 409, 429, any 5xx and a connection that failed; not
   * the client's own deadline, and no other 4xx.
   */
  public boolean retryable() {
    if (ok() || failure == Cause.DEADLINE) {
      return false;
    }
    return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500
        || (status == 200 && failure != null); // a 200 whose body is an error
  }
}

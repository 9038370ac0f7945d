package io.sluice.app.bench.client;

import io.sluice.app.bench.client.RetryPolicy.Retry;
import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How a client copes with failures. The first three talk to the upstream directly, as
 * applications do; {@link #SLUICE} sends through the gateway and leaves the coping to it.
 */
public enum Strategy {

  /** Retries every retryable failure at once. */
  NAIVE("immediate retries, up to 5"),

  /** Exponential backoff with full jitter, or the upstream's {@code Retry-After} when it sends one. */
  BACKOFF("exponential backoff with full jitter (1 s doubling, at most 32 s) or Retry-After, up to 5 retries"),

  /**
   * Backoff, and on a 429 the next model of the request's chain at once; back to the first model
   * (after a backoff) once the chain is used up. Other failures retry the same model after a backoff.
   */
  FALLBACK("backoff; on a 429 the next model of the chain at once, up to 5 retries"),

  /**
   * Through the Sluice gateway with its default configuration and a route per chain. The client
   * waits out a {@code Retry-After} the gateway sends (the one thing Sluice asks of clients), sends
   * again at once when its connection to the gateway failed (as HTTP clients do), and retries
   * nothing else: the gateway did.
   */
  SLUICE("through the Sluice gateway; the client waits out a Retry-After, up to 5 retries");

  private final String description;

  Strategy(String description) {
    this.description = description;
  }

  /** {@code naive}, {@code backoff}, {@code fallback} or {@code sluice}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the strategy does, in one line. */
  public String description() {
    return description;
  }

  /** Whether its clients talk to the upstream directly (all but {@link #SLUICE}). */
  public boolean direct() {
    return this != SLUICE;
  }

  /** Its retry policy; {@code random} draws the backoff jitter. */
  public RetryPolicy policy(RandomGenerator random) {
    ExponentialBackoff backoff = ExponentialBackoff.USUAL;
    return switch (this) {
      case NAIVE -> (attempt, failed, position, chain) ->
          retrying(attempt, failed) ? new Retry(Duration.ZERO, position) : null;
      case BACKOFF -> (attempt, failed, position, chain) ->
          retrying(attempt, failed) ? new Retry(waitFor(failed, backoff.draw(attempt, random)), position) : null;
      case FALLBACK -> (attempt, failed, position, chain) -> {
        if (!retrying(attempt, failed)) {
          return null;
        }
        if (failed.status() == 429 && chain > 1) {
          int next = (position + 1) % chain;
          return new Retry(next == 0 ? waitFor(failed, backoff.draw(attempt, random)) : Duration.ZERO, next);
        }
        return new Retry(waitFor(failed, backoff.draw(attempt, random)), position);
      };
      case SLUICE -> (attempt, failed, position, chain) -> {
        if (attempt > RetryPolicy.MAX_RETRIES) {
          return null;
        }
        if (failed.retryAfter() != null) {
          return new Retry(failed.retryAfter(), 0);
        }
        return failed.failure() == Cause.NETWORK ? new Retry(Duration.ZERO, 0) : null;
      };
    };
  }

  private static boolean retrying(int attempt, AttemptResult failed) {
    return attempt <= RetryPolicy.MAX_RETRIES && failed.retryable();
  }

  private static Duration waitFor(AttemptResult failed, Duration backoff) {
    return failed.retryAfter() != null ? failed.retryAfter() : backoff;
  }
}

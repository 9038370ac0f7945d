package io.sluice.app.bench.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the attempt numbered {@code n}, a wait drawn
 * uniformly from {@code [0, min(cap, base x 2^(n-1)))}.
 *
 * @param base the ceiling after the first attempt
 * @param cap the largest ceiling
 */
public record ExponentialBackoff(Duration base, Duration cap) {

  /** The usual advice: 1 s, doubling, at most 32 s. */
  public static final ExponentialBackoff USUAL = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(32));

  public ExponentialBackoff {
    if (!base.isPositive() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap, was " + base + " and " + cap);
    }
  }

  /** The ceiling of the wait after the attempt numbered {@code attempt} (1 for the first). */
  public Duration ceiling(int attempt) {
    Duration ceiling = base;
    for (int i = 1; i < attempt && ceiling.compareTo(cap) < 0; i++) {
      ceiling = ceiling.multipliedBy(2);
    }
    return ceiling.compareTo(cap) < 0 ? ceiling : cap;
  }

  /** A wait after the attempt numbered {@code attempt}, drawn from {@code random}. */
  public Duration draw(int attempt, RandomGenerator random) {
    return Duration.ofNanos((long) (ceiling(attempt).toNanos() * random.nextDouble()));
  }
}

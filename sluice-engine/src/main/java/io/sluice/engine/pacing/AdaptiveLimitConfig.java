package io.sluice.engine.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AdaptiveLimit} adapts.
 *
 * @param initialLimit the concurrency a key starts with; within [minLimit, maxLimit]
 * @param minLimit the lowest it falls to; at least 1, so a key is never shut by the limit alone
 * @param maxLimit the highest it grows to
 * @param decreaseFactor what a throttle or overload multiplies the limit by; in (0, 1)
 * @param maxCoolDown the longest cool-down an upstream hint may impose; positive. Longer hints are
 *     cut to it, so a wrong header cannot close a route for days
 * @param maxKeys the most keys held; at least 1
 */
public record AdaptiveLimitConfig(
    int initialLimit, int minLimit, int maxLimit, double decreaseFactor, Duration maxCoolDown, int maxKeys) {

  public AdaptiveLimitConfig {
    Objects.requireNonNull(maxCoolDown, "maxCoolDown");
    if (minLimit < 1) {
      throw new IllegalArgumentException("minLimit must be at least 1, was " + minLimit);
    }
    if (maxLimit < minLimit) {
      throw new IllegalArgumentException("maxLimit must be at least minLimit " + minLimit + ", was " + maxLimit);
    }
    if (initialLimit < minLimit || initialLimit > maxLimit) {
      throw new IllegalArgumentException(
          "initialLimit must be within [" + minLimit + ", " + maxLimit + "], was " + initialLimit);
    }
    if (!(decreaseFactor > 0 && decreaseFactor < 1)) {
      throw new IllegalArgumentException("decreaseFactor must be in (0, 1), was " + decreaseFactor);
    }
    if (maxCoolDown.isNegative() || maxCoolDown.isZero()) {
      throw new IllegalArgumentException("maxCoolDown must be positive, was " + maxCoolDown);
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
  }

  /** Start at 4 concurrent calls, between 1 and 64, halve on throttling, cool-downs up to 10 minutes, 1024 keys. */
  public static AdaptiveLimitConfig defaults() {
    return new AdaptiveLimitConfig(4, 1, 64, 0.5, Duration.ofMinutes(10), 1024);
  }
}

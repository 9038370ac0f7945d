package io.sluice.engine.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CircuitBreaker} judges one model or provider, tuned for low volume: a few calls in a
 * time window are enough to open it.
 *
 * @param window how far back calls count toward the failure rate; positive
 * @param minimumCalls calls in the window before the rate is judged at all; at least 1
 * @param failureRateThreshold the share of failures, in (0, 1], at or above which it opens
 * @param openDuration how long it stays open before probing; positive
 * @param probes calls let through while half-open; all must succeed for it to close; at least 1
 */
public record BreakerConfig(
    Duration window, int minimumCalls, double failureRateThreshold, Duration openDuration, int probes) {

  public BreakerConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(openDuration, "openDuration");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    if (minimumCalls < 1) {
      throw new IllegalArgumentException("minimumCalls must be at least 1, was " + minimumCalls);
    }
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
      throw new IllegalArgumentException("failureRateThreshold must be in (0, 1], was " + failureRateThreshold);
    }
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
    }
    if (probes < 1) {
      throw new IllegalArgumentException("probes must be at least 1, was " + probes);
    }
  }

  /** 5 calls in 60 s, 50% failures, open for 30 s, 2 probes. */
  public static BreakerConfig defaults() {
    return new BreakerConfig(Duration.ofSeconds(60), 5, 0.5, Duration.ofSeconds(30), 2);
  }
}

package io.sluice.engine.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How many retries all traffic together may send: at most {@code ratio} of the requests, plus
 * {@code floor}, over a sliding window made of {@code window / bucket} buckets.
 *
 * @param ratio retries allowed per request, e.g. 0.1; in [0, 1]
 * @param window the sliding window; a whole multiple of {@code bucket}
 * @param bucket the window's granularity; at least a millisecond, in whole milliseconds
 * @param floor retries allowed in any window however little traffic there is, so that a quiet
 *     gateway can still retry; at least 0
 */
public record RetryBudgetLimits(double ratio, Duration window, Duration bucket, int floor) {

  /** Buckets per window above which the budget refuses to be built (memory and time per call). */
  static final int MAX_BUCKETS = 1_000;

  public RetryBudgetLimits {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(bucket, "bucket");
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio must be in [0, 1], was " + ratio);
    }
    if (bucket.compareTo(Duration.ofMillis(1)) < 0 || bucket.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("bucket must be whole milliseconds, at least one, was " + bucket);
    }
    if (window.compareTo(bucket) < 0 || window.toMillis() % bucket.toMillis() != 0
        || window.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("window must be a whole multiple of the bucket " + bucket + ", was " + window);
    }
    if (window.toMillis() / bucket.toMillis() > MAX_BUCKETS) {
      throw new IllegalArgumentException("window " + window + " holds more than " + MAX_BUCKETS + " buckets of " + bucket);
    }
    if (floor < 0) {
      throw new IllegalArgumentException("floor must be at least 0, was " + floor);
    }
  }

  /** 10% of the requests plus 3, over 60 s in buckets of 10 s. */
  public static RetryBudgetLimits defaults() {
    return new RetryBudgetLimits(0.1, Duration.ofSeconds(60), Duration.ofSeconds(10), 3);
  }

  int buckets() {
    return (int) (window.toMillis() / bucket.toMillis());
  }
}

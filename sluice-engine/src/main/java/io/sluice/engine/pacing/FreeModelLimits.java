package io.sluice.engine.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * The account-wide limits on OpenRouter's free ({@code :free}) models, which the API does not
 * report and configuration states: 20 requests a minute, and 50 requests per UTC day (1000 once
 * the account has bought $10 of credits). The defaults are those documented limits, without margin.
 *
 * @param requestsPerWindow requests admitted in any {@code window} (20)
 * @param window the span of the per-minute limit (60 s); at most an hour
 * @param requestsPerDay requests per UTC day (50, or 1000)
 * @param windowMargin time added to the window, so that two requests sent one window apart
 *     cannot arrive closer than that after uneven network delays; zero by default
 * @param dailyReserve requests of each day left unused, for other clients of the same account;
 *     zero by default
 */
public record FreeModelLimits(
    int requestsPerWindow, Duration window, int requestsPerDay, Duration windowMargin, int dailyReserve) {

  /** OpenRouter's free-model requests per minute. */
  public static final int REQUESTS_PER_MINUTE = 20;
  /** OpenRouter's free-model requests per UTC day for an account that bought less than $10 of credits. */
  public static final int REQUESTS_PER_DAY = 50;
  /** OpenRouter's free-model requests per UTC day once $10 of credits were bought. */
  public static final int REQUESTS_PER_DAY_WITH_CREDITS = 1000;

  private static final Duration MAX_WINDOW = Duration.ofHours(1);
  private static final int MAX_REQUESTS_PER_WINDOW = 100_000;

  public FreeModelLimits {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(windowMargin, "windowMargin");
    require(requestsPerWindow >= 1 && requestsPerWindow <= MAX_REQUESTS_PER_WINDOW,
        "requestsPerWindow must be 1.." + MAX_REQUESTS_PER_WINDOW + ", was " + requestsPerWindow);
    require(window.isPositive() && window.compareTo(MAX_WINDOW) <= 0,
        "window must be positive and at most " + MAX_WINDOW + ", was " + window);
    require(requestsPerDay >= 1, "requestsPerDay must be at least 1, was " + requestsPerDay);
    require(!windowMargin.isNegative() && windowMargin.compareTo(window) <= 0,
        "windowMargin must be 0.." + window + ", was " + windowMargin);
    require(dailyReserve >= 0 && dailyReserve < requestsPerDay,
        "dailyReserve must be 0.." + (requestsPerDay - 1) + ", was " + dailyReserve);
  }

  /** 20 a minute and 50 a day, without margin. */
  public static FreeModelLimits defaults() {
    return perDay(REQUESTS_PER_DAY);
  }

  /** 20 a minute and {@code requestsPerDay} a day (50, or 1000 with credits), without margin. */
  public static FreeModelLimits perDay(int requestsPerDay) {
    return new FreeModelLimits(REQUESTS_PER_MINUTE, Duration.ofMinutes(1), requestsPerDay, Duration.ZERO, 0);
  }

  /** The same limits with a safety margin: a longer window and requests of each day held back. */
  public FreeModelLimits withSafetyMargin(Duration margin, int reserve) {
    return new FreeModelLimits(requestsPerWindow, window, requestsPerDay, margin, reserve);
  }

  /**
   * The same limits with {@code requestsPerDay} a day; the reserve is kept, cut to leave at least one
   * request of the day.
   */
  public FreeModelLimits withRequestsPerDay(int requestsPerDay) {
    return new FreeModelLimits(requestsPerWindow, window, requestsPerDay, windowMargin,
        Math.max(0, Math.min(dailyReserve, requestsPerDay - 1)));
  }

  /** The span in which at most {@link #requestsPerWindow} are admitted: the window and its margin. */
  public Duration spacing() {
    return window.plus(windowMargin);
  }

  /** The requests admitted per UTC day: the daily limit less the reserve. */
  public int dailyAllowance() {
    return requestsPerDay - dailyReserve;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.orDefault;
import static io.sluice.gateway.config.Checks.require;

import java.time.Duration;

/**
 * The limits the upstream does not report, which Sluice paces traffic to before sending.
 *
 * @param freeModelsPerMinute requests to free ({@code :free}) models per minute, account-wide (20)
 * @param freeModelsPerDay requests to free models per UTC day; when not set it is learned from the
 *     key's reading (50, or 1000 once the account bought $10 of credits), and 50 until then
 * @param windowMargin time added to the one-minute window, so that requests sent a window apart
 *     cannot arrive closer than that after uneven network delays (1s)
 * @param maxWait how long a request may wait for admission (a full minute window, a model at its
 *     concurrency limit): one that would wait longer is refused at once with 429 and {@code
 *     Retry-After}, and one that waited that long in line behind others is answered so then (30s)
 * @param maxQueued how many requests may wait in line for one capacity (the free-model window, one
 *     model's concurrency); beyond that a request is refused at once with 429 (10000)
 */
public record PacingConfig(Integer freeModelsPerMinute, Integer freeModelsPerDay, Duration windowMargin,
    Duration maxWait, Integer maxQueued) {

  public static final PacingConfig DEFAULTS = new PacingConfig(null, null, null, null, null);

  /** Until the key is read, OpenRouter's cap for an account that never bought credits. */
  public static final int UNLEARNED_FREE_MODELS_PER_DAY = 50;

  public PacingConfig {
    freeModelsPerMinute = orDefault(freeModelsPerMinute, 20);
    require(freeModelsPerMinute >= 1, "free-models-per-minute must be at least 1, was " + freeModelsPerMinute);
    require(freeModelsPerDay == null || freeModelsPerDay >= 1,
        "free-models-per-day must be at least 1, was " + freeModelsPerDay);
    windowMargin = orDefault(windowMargin, Duration.ofSeconds(1));
    require(!windowMargin.isNegative() && windowMargin.compareTo(Duration.ofMinutes(1)) <= 0,
        "window-margin must be between 0s and 1m, was " + Durations.format(windowMargin));
    maxWait = orDefault(maxWait, Duration.ofSeconds(30));
    require(!maxWait.isNegative(), "max-wait must not be negative");
    maxQueued = orDefault(maxQueued, 10_000);
    require(maxQueued >= 1, "max-queued must be at least 1, was " + maxQueued);
  }

  /** Without a line bound: the defaults for every other field. */
  public PacingConfig(Integer freeModelsPerMinute, Integer freeModelsPerDay, Duration windowMargin, Duration maxWait) {
    this(freeModelsPerMinute, freeModelsPerDay, windowMargin, maxWait, null);
  }

  /** The daily cap to start with: the configured one, or {@value #UNLEARNED_FREE_MODELS_PER_DAY}. */
  public int initialFreeModelsPerDay() {
    return freeModelsPerDay == null ? UNLEARNED_FREE_MODELS_PER_DAY : freeModelsPerDay;
  }

  /** Whether the daily cap is learned from the key's reading rather than configured. */
  public boolean learnsFreeModelsPerDay() {
    return freeModelsPerDay == null;
  }
}

package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.orDefault;
import static io.sluice.gateway.config.Checks.require;

import java.time.Duration;

/**
 * How a failed request is tried again, before anything reached the client.
 *
 * @param maxAttempts upstream attempts per request at most, fallbacks included (3)
 * @param deadline how long after its arrival a request may still be retried; no wait runs past it (60s)
 * @param budgetRatio retries across all traffic, as a share of requests over the last minute (0.1),
 *     so that an outage cannot multiply the load on the upstream
 */
public record RetryConfig(Integer maxAttempts, Duration deadline, Double budgetRatio) {

  public static final RetryConfig DEFAULTS = new RetryConfig(null, null, null);

  public RetryConfig {
    maxAttempts = orDefault(maxAttempts, 3);
    require(maxAttempts >= 1 && maxAttempts <= 10, "max-attempts must be between 1 and 10, was " + maxAttempts);
    deadline = orDefault(deadline, Duration.ofSeconds(60));
    require(deadline.isPositive(), "deadline must be positive");
    budgetRatio = orDefault(budgetRatio, 0.1);
    require(budgetRatio >= 0 && budgetRatio <= 1, "budget-ratio must be between 0 and 1, was " + budgetRatio);
  }
}

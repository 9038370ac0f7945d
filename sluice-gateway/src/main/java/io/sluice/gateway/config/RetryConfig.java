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
 * @param breakerMinimumCalls calls to a model or provider within a minute before its breaker may
 *     open (5); it opens when half of them failed by overload or timeout
 * @param breakerOpenFor how long an open breaker keeps traffic away before probing (30s)
 */
public record RetryConfig(Integer maxAttempts, Duration deadline, Double budgetRatio, Integer breakerMinimumCalls,
    Duration breakerOpenFor) {

  public static final RetryConfig DEFAULTS = new RetryConfig(null, null, null, null, null);

  public RetryConfig {
    maxAttempts = orDefault(maxAttempts, 3);
    require(maxAttempts >= 1 && maxAttempts <= 10, "max-attempts must be between 1 and 10, was " + maxAttempts);
    deadline = orDefault(deadline, Duration.ofSeconds(60));
    require(deadline.isPositive(), "deadline must be positive");
    budgetRatio = orDefault(budgetRatio, 0.1);
    require(budgetRatio >= 0 && budgetRatio <= 1, "budget-ratio must be between 0 and 1, was " + budgetRatio);
    breakerMinimumCalls = orDefault(breakerMinimumCalls, 5);
    require(breakerMinimumCalls >= 1 && breakerMinimumCalls <= 100,
        "breaker-minimum-calls must be between 1 and 100, was " + breakerMinimumCalls);
    breakerOpenFor = orDefault(breakerOpenFor, Duration.ofSeconds(30));
    require(breakerOpenFor.isPositive(), "breaker-open-for must be positive");
  }

  /** One attempt per request and breakers that do not open: Sluice relays what the upstream says, as it is. */
  public static RetryConfig passThrough() {
    return new RetryConfig(1, null, null, 100, null);
  }
}

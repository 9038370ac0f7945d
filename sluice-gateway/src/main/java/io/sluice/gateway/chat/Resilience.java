package io.sluice.gateway.chat;

import io.sluice.engine.breaker.BreakerConfig;
import io.sluice.engine.breaker.Breakers;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.retry.Backoff;
import io.sluice.engine.retry.RetryBudget;
import io.sluice.engine.retry.RetryBudgetLimits;
import io.sluice.gateway.config.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The engine's shared state for retries and fallback, one per gateway: the backoff, the retry
 * budget across all traffic, and the circuit breakers per model and provider. Each request gets
 * its own {@link CallPolicy} over it.
 */
final class Resilience {

  private static final int MAX_BREAKER_KEYS = 1024;

  private final RetryConfig config;
  private final InstantSource clock;
  private final Backoff backoff;
  private final RetryBudget budget;
  private final Breakers breakers;

  Resilience(RetryConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    // ThreadLocalRandom draws from the calling thread's own state, so one instance serves every event loop.
    this.backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), config.maxAttempts(),
        ThreadLocalRandom.current());
    RetryBudgetLimits defaults = RetryBudgetLimits.defaults();
    this.budget = new RetryBudget(new RetryBudgetLimits(config.budgetRatio(), defaults.window(), defaults.bucket(),
        defaults.floor()));
    this.breakers = new Breakers(BreakerConfig.defaults(), MAX_BREAKER_KEYS);
  }

  /** A policy for one request over {@code candidates}, most preferred first, arriving at {@code now}. */
  CallPolicy forCall(List<String> candidates, Instant now) {
    budget.recordRequest(now);
    return new CallPolicy(this, candidates, now.plus(config.deadline()), clock);
  }

  /** What every attempt teaches the breakers. */
  void record(String model, Outcome outcome, Instant now) {
    breakers.record(model, outcome, now);
  }

  int maxAttempts() {
    return config.maxAttempts();
  }

  Backoff backoff() {
    return backoff;
  }

  RetryBudget budget() {
    return budget;
  }

  Breakers breakers() {
    return breakers;
  }
}

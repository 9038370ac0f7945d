package io.sluice.gateway;

import io.sluice.engine.EngineConfig;
import io.sluice.engine.TrafficEngine;
import io.sluice.engine.breaker.BreakerConfig;
import io.sluice.engine.pacing.FreeModelLimits;
import io.sluice.engine.retry.RetryBudgetLimits;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.PacingConfig;
import io.sluice.gateway.config.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The traffic engine a gateway's configuration describes. */
final class Engines {

  private Engines() {}

  static TrafficEngine of(GatewayConfig config) {
    PacingConfig pacing = config.pacing();
    RetryConfig retries = config.retries();
    RetryBudgetLimits budget = RetryBudgetLimits.defaults();
    BreakerConfig breakers = BreakerConfig.defaults();
    EngineConfig engine = EngineConfig.defaults()
        .withFreeModels(new FreeModelLimits(pacing.freeModelsPerMinute(), Duration.ofMinutes(1),
            pacing.initialFreeModelsPerDay(), pacing.windowMargin(), 0))
        .withMaxWait(pacing.maxWait())
        .withMaxAttempts(retries.maxAttempts())
        .withDeadline(retries.deadline())
        .withRetryBudget(new RetryBudgetLimits(retries.budgetRatio(), budget.window(), budget.bucket(), budget.floor()))
        .withBreakers(new BreakerConfig(breakers.window(), retries.breakerMinimumCalls(), breakers.failureRateThreshold(),
            retries.breakerOpenFor(), breakers.probes()));
    // ThreadLocalRandom draws from the calling thread's own state, so one instance serves every event loop.
    return new TrafficEngine(engine, ThreadLocalRandom.current());
  }
}

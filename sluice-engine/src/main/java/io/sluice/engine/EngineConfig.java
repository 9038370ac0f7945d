package io.sluice.engine;

import io.sluice.engine.breaker.BreakerConfig;
import io.sluice.engine.pacing.AdaptiveLimitConfig;
import io.sluice.engine.pacing.FreeModelLimits;
import io.sluice.engine.retry.RetryBudgetLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TrafficEngine} behaves. Immutable; start from {@link #defaults()} and change what
 * differs with the {@code with…} methods.
 *
 * @param freeModels the account's free-model limits (20 a minute, 50 a day unless a reading of the
 *     key says 1000; see {@link TrafficEngine#learnKey})
 * @param maxAttempts upstream attempts per request, the first included, retries and fallbacks
 *     alike (1..10)
 * @param deadline how long a request may take from its arrival, unless its {@link RequestSpec}
 *     says otherwise; positive
 * @param maxWait the longest single wait a plan asks for ({@link Step.Wait}); a longer one moves
 *     the request to another candidate, or refuses it. At least zero
 * @param backoffBase the first retry's backoff ceiling (full jitter); positive
 * @param backoffCap the largest backoff ceiling; at least {@code backoffBase}, at most a day
 * @param retryBudget retries allowed to all traffic together
 * @param breakers how the circuit breakers per model and provider judge
 * @param adaptiveLimits the concurrency limits and cool-downs per model and provider
 * @param creditsRecheck after an out-of-credits answer, how long paid requests wait without
 *     evidence of credit before one goes as a probe, and how often the key is worth reading again;
 *     positive
 * @param busyRecheck when a model is at its concurrency limit, how soon to look again; positive
 * @param maxKeys the most models, and the most providers, whose breakers are held; at least 1
 */
public record EngineConfig(
    FreeModelLimits freeModels,
    int maxAttempts,
    Duration deadline,
    Duration maxWait,
    Duration backoffBase,
    Duration backoffCap,
    RetryBudgetLimits retryBudget,
    BreakerConfig breakers,
    AdaptiveLimitConfig adaptiveLimits,
    Duration creditsRecheck,
    Duration busyRecheck,
    int maxKeys) {

  private static final int MAX_ATTEMPTS = 10;

  public EngineConfig {
    Objects.requireNonNull(freeModels, "freeModels");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffCap, "backoffCap");
    Objects.requireNonNull(retryBudget, "retryBudget");
    Objects.requireNonNull(breakers, "breakers");
    Objects.requireNonNull(adaptiveLimits, "adaptiveLimits");
    Objects.requireNonNull(creditsRecheck, "creditsRecheck");
    Objects.requireNonNull(busyRecheck, "busyRecheck");
    require(maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS,
        "maxAttempts must be 1.." + MAX_ATTEMPTS + ", was " + maxAttempts);
    require(deadline.isPositive(), "deadline must be positive, was " + deadline);
    require(!maxWait.isNegative(), "maxWait must not be negative, was " + maxWait);
    require(creditsRecheck.isPositive(), "creditsRecheck must be positive, was " + creditsRecheck);
    require(busyRecheck.isPositive(), "busyRecheck must be positive, was " + busyRecheck);
    require(maxKeys >= 1, "maxKeys must be at least 1, was " + maxKeys);
    // Backoff checks base and cap itself; fail here, at configuration time, rather than at the first request.
    require(backoffBase.isPositive() && backoffCap.compareTo(backoffBase) >= 0 && backoffCap.compareTo(Duration.ofDays(1)) <= 0,
        "backoff needs 0 < base <= cap <= 1 day, was " + backoffBase + " / " + backoffCap);
  }

  /**
   * OpenRouter's free-model limits (20 a minute, 50 a day), 3 attempts within 60 s, waits of at
   * most 30 s, backoff from 250 ms up to 10 s, retries at most 10% of requests plus 3 a minute,
   * breakers opening at 50% failures of 5 calls in 60 s for 30 s, AIMD limits from 4 concurrent
   * calls, one paid probe every 5 minutes after a 402 while nothing shows credit, a busy model
   * re-checked after 100 ms, breakers for up to 1024 models and providers.
   */
  public static EngineConfig defaults() {
    return new EngineConfig(FreeModelLimits.defaults(), 3, Duration.ofSeconds(60), Duration.ofSeconds(30),
        Duration.ofMillis(250), Duration.ofSeconds(10), RetryBudgetLimits.defaults(), BreakerConfig.defaults(),
        AdaptiveLimitConfig.defaults(), Duration.ofMinutes(5), Duration.ofMillis(100), 1024);
  }

  public EngineConfig withFreeModels(FreeModelLimits limits) {
    return new EngineConfig(limits, maxAttempts, deadline, maxWait, backoffBase, backoffCap, retryBudget, breakers,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withMaxAttempts(int attempts) {
    return new EngineConfig(freeModels, attempts, deadline, maxWait, backoffBase, backoffCap, retryBudget, breakers,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withDeadline(Duration value) {
    return new EngineConfig(freeModels, maxAttempts, value, maxWait, backoffBase, backoffCap, retryBudget, breakers,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withMaxWait(Duration value) {
    return new EngineConfig(freeModels, maxAttempts, deadline, value, backoffBase, backoffCap, retryBudget, breakers,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withBackoff(Duration base, Duration cap) {
    return new EngineConfig(freeModels, maxAttempts, deadline, maxWait, base, cap, retryBudget, breakers,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withRetryBudget(RetryBudgetLimits limits) {
    return new EngineConfig(freeModels, maxAttempts, deadline, maxWait, backoffBase, backoffCap, limits, breakers,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withBreakers(BreakerConfig config) {
    return new EngineConfig(freeModels, maxAttempts, deadline, maxWait, backoffBase, backoffCap, retryBudget, config,
        adaptiveLimits, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withAdaptiveLimits(AdaptiveLimitConfig config) {
    return new EngineConfig(freeModels, maxAttempts, deadline, maxWait, backoffBase, backoffCap, retryBudget, breakers,
        config, creditsRecheck, busyRecheck, maxKeys);
  }

  public EngineConfig withCreditsRecheck(Duration value) {
    return new EngineConfig(freeModels, maxAttempts, deadline, maxWait, backoffBase, backoffCap, retryBudget, breakers,
        adaptiveLimits, value, busyRecheck, maxKeys);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

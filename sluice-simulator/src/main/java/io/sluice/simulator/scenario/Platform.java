package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.time.Duration;

/**
 * OpenRouter's own limits, as documented: free-model requests are capped per account at 20 a
 * minute and 50 a UTC day, or 1000 a day once the account has bought at least 10 credits, and
 * failed attempts count.
 *
 * @param freeRequestsPerMinute free-model requests one account may make in any 60 s
 * @param freeRequestsPerDay free-model requests per UTC day before the purchase threshold
 * @param freeRequestsPerDayAfterPurchase free-model requests per UTC day after it
 * @param purchaseThreshold credits bought (all time) that unlock the higher daily cap
 * @param failedAttemptsCount whether an attempt refused by the per-minute limit still uses up the day
 * @param generationDelay how long after a request ends its {@code /generation} record is still 404
 * @param maxRequestBytes largest request body accepted, beyond it 413
 */
public record Platform(
    Integer freeRequestsPerMinute,
    Integer freeRequestsPerDay,
    Integer freeRequestsPerDayAfterPurchase,
    Double purchaseThreshold,
    Boolean failedAttemptsCount,
    Duration generationDelay,
    Integer maxRequestBytes) {

  public static final Platform DEFAULTS = new Platform(null, null, null, null, null, null, null);

  public Platform {
    freeRequestsPerMinute = orDefault(freeRequestsPerMinute, 20);
    freeRequestsPerDay = orDefault(freeRequestsPerDay, 50);
    freeRequestsPerDayAfterPurchase = orDefault(freeRequestsPerDayAfterPurchase, 1000);
    purchaseThreshold = orDefault(purchaseThreshold, 10.0);
    failedAttemptsCount = orDefault(failedAttemptsCount, true);
    generationDelay = orDefault(generationDelay, Duration.ofSeconds(2));
    maxRequestBytes = orDefault(maxRequestBytes, 8 * 1024 * 1024);
    require(freeRequestsPerMinute > 0, "platform.free-requests-per-minute must be > 0, was " + freeRequestsPerMinute);
    require(freeRequestsPerDay > 0, "platform.free-requests-per-day must be > 0, was " + freeRequestsPerDay);
    require(freeRequestsPerDayAfterPurchase > 0,
        "platform.free-requests-per-day-after-purchase must be > 0, was " + freeRequestsPerDayAfterPurchase);
    require(!generationDelay.isNegative(), "platform.generation-delay must not be negative, was " + generationDelay);
    require(maxRequestBytes > 0, "platform.max-request-bytes must be > 0, was " + maxRequestBytes);
  }
}

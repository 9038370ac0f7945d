package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

/**
 * A provider's own limits; zero means unlimited. Beyond them the provider answers with the
 * "temporarily rate-limited upstream" 429.
 *
 * @param requestsPerMinute requests in any 60 s
 * @param tokensPerMinute prompt plus completion tokens in any 60 s
 * @param concurrency requests in flight at once
 */
public record Capacity(Integer requestsPerMinute, Long tokensPerMinute, Integer concurrency) {

  public static final Capacity UNLIMITED = new Capacity(0, 0L, 0);

  public Capacity {
    requestsPerMinute = orDefault(requestsPerMinute, 0);
    tokensPerMinute = orDefault(tokensPerMinute, 0L);
    concurrency = orDefault(concurrency, 0);
    require(requestsPerMinute >= 0, "capacity.requests-per-minute must be >= 0, was " + requestsPerMinute);
    require(tokensPerMinute >= 0, "capacity.tokens-per-minute must be >= 0, was " + tokensPerMinute);
    require(concurrency >= 0, "capacity.concurrency must be >= 0, was " + concurrency);
  }
}

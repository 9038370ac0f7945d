package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.time.Duration;

/**
 * How fast a provider answers, in simulated time.
 *
 * @param firstToken time from request to first token
 * @param tokensPerSecond generation speed after that; zero means all at once
 */
public record Latency(Duration firstToken, Double tokensPerSecond) {

  public static final Latency ZERO = new Latency(Duration.ZERO, 0.0);

  public Latency {
    firstToken = orDefault(firstToken, Duration.ZERO);
    require(!firstToken.isNegative(), "latency.first-token must not be negative, was " + firstToken);
    tokensPerSecond = Checks.nonNegative(tokensPerSecond, "latency.tokens-per-second");
  }

  /** Simulated time one chunk of {@code tokens} tokens takes to generate. */
  public Duration perChunk(int tokens) {
    return tokensPerSecond == 0 ? Duration.ZERO : Duration.ofNanos((long) (tokens * 1e9 / tokensPerSecond));
  }
}

package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.time.Duration;

/**
 * How streams look on the wire.
 *
 * @param usageChunk {@code empty-choices}: usage arrives in a last chunk whose {@code choices}
 *     is empty (the documented form); {@code with-choices}: the last chunk repeats the finish
 *     choice next to usage (the form seen in 2026 captures)
 * @param heartbeat gap between {@code : OPENROUTER PROCESSING} comments while no token is ready
 * @param tokensPerChunk completion tokens carried by each content chunk
 */
public record Streaming(String usageChunk, Duration heartbeat, Integer tokensPerChunk) {

  public static final Streaming DEFAULTS = new Streaming(null, null, null);

  public Streaming {
    usageChunk = orDefault(usageChunk, "empty-choices");
    require(usageChunk.equals("empty-choices") || usageChunk.equals("with-choices"),
        "streaming.usage-chunk must be 'empty-choices' or 'with-choices', was '" + usageChunk + "'");
    heartbeat = orDefault(heartbeat, Duration.ofSeconds(1));
    require(heartbeat.isPositive(), "streaming.heartbeat must be positive, was " + heartbeat);
    tokensPerChunk = orDefault(tokensPerChunk, 1);
    require(tokensPerChunk > 0, "streaming.tokens-per-chunk must be > 0, was " + tokensPerChunk);
  }

  public boolean usageWithChoices() {
    return usageChunk.equals("with-choices");
  }
}

package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.positive;
import static io.sluice.gateway.config.Checks.require;

import java.time.Duration;

/**
 * How long one upstream attempt may take, phase by phase.
 *
 * @param connect to open the connection (10s by default)
 * @param firstByte from sending the request to the first byte of the response (2m by default). A
 *     response that is not streamed sends nothing until it is complete, so this bounds its whole
 *     generation time
 * @param idleGap the longest silence between two chunks of a response (1m by default)
 * @param total the whole attempt, first byte to last (10m by default)
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration idleGap, Duration total) {

  public static final UpstreamTimeouts DEFAULTS = new UpstreamTimeouts(null, null, null, null);

  public UpstreamTimeouts {
    connect = positive(connect, Duration.ofSeconds(10), "connect");
    firstByte = positive(firstByte, Duration.ofMinutes(2), "first-byte");
    idleGap = positive(idleGap, Duration.ofMinutes(1), "idle-gap");
    total = positive(total, Duration.ofMinutes(10), "total");
    notLongerThanTotal(connect, "connect", total);
    notLongerThanTotal(firstByte, "first-byte", total);
    notLongerThanTotal(idleGap, "idle-gap", total);
  }

  private static void notLongerThanTotal(Duration part, String field, Duration total) {
    require(part.compareTo(total) <= 0, field + " must not be longer than total, was " + Durations.format(part)
        + " with total " + Durations.format(total));
  }
}

package io.sluice.app.bench.workload;

import static io.sluice.app.bench.workload.Checks.require;

import java.time.Duration;
import java.util.Objects;

/**
 * When requests arrive over the workload's duration.
 *
 * @param pattern {@code steady} (evenly spaced) or {@code bursts}
 * @param every bursts only: a burst starts at 0 and then every this long
 * @param length bursts only: how long a burst lasts
 * @param share bursts only: the share of the requests that arrive inside bursts, evenly spaced
 *     there; the rest are spaced evenly over the time between bursts
 */
public record Arrival(String pattern, Duration every, Duration length, Double share) {

  public static final Arrival STEADY = new Arrival("steady", null, null, null);

  public Arrival {
    pattern = Objects.requireNonNullElse(pattern, "steady");
    require(pattern.equals("steady") || pattern.equals("bursts"),
        "arrival.pattern must be steady or bursts, was '" + pattern + "'");
    if (pattern.equals("bursts")) {
      require(every != null && every.isPositive(), "arrival.every must be positive for bursts");
      require(length != null && length.isPositive() && length.compareTo(every) < 0,
          "arrival.length must be positive and shorter than arrival.every, was " + length);
      share = Objects.requireNonNullElse(share, 0.8);
      require(share >= 0 && share <= 1, "arrival.share must be between 0 and 1, was " + share);
    } else {
      require(every == null && length == null && share == null,
          "arrival.every, length and share are for bursts; the pattern is steady");
    }
  }

  /** Whether requests come in bursts. */
  public boolean bursts() {
    return pattern.equals("bursts");
  }
}

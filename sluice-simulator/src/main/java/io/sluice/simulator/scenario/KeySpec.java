package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

/**
 * One API key.
 *
 * @param key the bearer token clients send
 * @param label the name shown by {@code /api/v1/key} and in stats (never the key itself)
 * @param limit optional spend limit in USD for this key
 * @param management whether this is a management key (needed for {@code /api/v1/credits})
 */
public record KeySpec(String key, String label, Double limit, Boolean management) {

  public KeySpec {
    require(key != null && !key.isBlank(), "keys[].key is required");
    label = orDefault(label, Checks.mask(key));
    require(limit == null || limit >= 0, "keys[" + label + "].limit must be >= 0, was " + limit);
    management = orDefault(management, false);
  }
}

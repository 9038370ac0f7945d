package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.util.List;

/**
 * An OpenRouter account: a credit balance shared by its keys, and how much it has ever bought
 * (which decides the free-model daily cap).
 *
 * @param id account id, also the {@code user_id} in error bodies
 * @param credits current balance in USD; may be negative (then even free models answer 402)
 * @param purchased credits bought over the account's life
 * @param keys the API keys of this account
 */
public record AccountSpec(String id, Double credits, Double purchased, List<KeySpec> keys) {

  public AccountSpec {
    require(id != null && !id.isBlank(), "accounts[].id is required");
    credits = orDefault(credits, 0.0);
    purchased = Checks.nonNegative(purchased, "accounts[" + id + "].purchased");
    keys = List.copyOf(orDefault(keys, List.of()));
    require(!keys.isEmpty(), "accounts[" + id + "].keys: at least one key is required");
  }
}

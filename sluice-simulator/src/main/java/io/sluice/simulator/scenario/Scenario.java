package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a simulated OpenRouter is made of: accounts and their keys, models and the
 * providers serving them, platform limits, streaming style and faults. Immutable; load one with
 * {@link Scenarios}.
 *
 * @param name short name, shown in logs and stats
 * @param description what the scenario is for
 * @param timeScale simulated seconds per real second when the simulator runs on its own clock
 * @param seed makes content, provider choice and probabilistic faults repeatable
 * @param platform OpenRouter's own limits
 * @param streaming how streams are shaped
 * @param accounts the accounts and their keys
 * @param models the catalog
 * @param faults scheduled or probabilistic faults, applied in order
 */
public record Scenario(
    String name,
    String description,
    Double timeScale,
    Long seed,
    Platform platform,
    Streaming streaming,
    List<AccountSpec> accounts,
    List<ModelSpec> models,
    List<FaultSpec> faults) {

  public Scenario {
    require(name != null && !name.isBlank(), "name is required");
    description = orDefault(description, "");
    timeScale = orDefault(timeScale, 1.0);
    require(timeScale > 0 && !timeScale.isInfinite(), "time-scale must be a positive number, was " + timeScale);
    seed = orDefault(seed, 42L);
    platform = orDefault(platform, Platform.DEFAULTS);
    streaming = orDefault(streaming, Streaming.DEFAULTS);
    accounts = List.copyOf(orDefault(accounts, List.of()));
    models = List.copyOf(orDefault(models, List.of()));
    faults = List.copyOf(orDefault(faults, List.of()));
    require(!accounts.isEmpty(), "accounts: at least one account is required");
    require(!models.isEmpty(), "models: at least one model is required");
    requireUnique(accounts.stream().flatMap(a -> a.keys().stream()).map(KeySpec::key).toList(), "key");
    requireUnique(models.stream().map(ModelSpec::id).toList(), "model id");
    requireUnique(accounts.stream().map(AccountSpec::id).toList(), "account id");
  }

  /** The same scenario with faults added after the existing ones. */
  public Scenario withFaults(List<FaultSpec> more) {
    var all = new java.util.ArrayList<>(faults);
    all.addAll(more);
    return new Scenario(name, description, timeScale, seed, platform, streaming, accounts, models, all);
  }

  /** The same scenario with another time scale. */
  public Scenario withTimeScale(double scale) {
    return new Scenario(name, description, scale, seed, platform, streaming, accounts, models, faults);
  }

  private static void requireUnique(List<String> values, String what) {
    Set<String> seen = new HashSet<>();
    for (String value : values) {
      require(seen.add(value), "duplicate " + what + " '" + Checks.mask(value) + "'");
    }
  }
}

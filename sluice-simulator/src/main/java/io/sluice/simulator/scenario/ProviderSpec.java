package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.util.List;

/**
 * One provider's endpoint for a model, with its own price, capacity, speed and error rates.
 *
 * @param name provider name as OpenRouter reports it ({@code DeepInfra}, {@code Chutes}, ...)
 * @param pricing USD per token on this provider; the model's pricing when absent
 * @param contextLength this endpoint's context window; the model's when absent
 * @param capacity what the provider accepts before it throttles
 * @param latency time to first token and generation speed
 * @param errorRates how often the provider fails on its own
 * @param supports request parameters this endpoint supports; the model's when absent
 */
public record ProviderSpec(
    String name,
    Pricing pricing,
    Integer contextLength,
    Capacity capacity,
    Latency latency,
    ErrorRates errorRates,
    List<String> supports) {

  public ProviderSpec {
    require(name != null && !name.isBlank(), "providers[].name is required");
    require(contextLength == null || contextLength > 0, "providers[" + name + "].context-length must be > 0");
    capacity = orDefault(capacity, Capacity.UNLIMITED);
    latency = orDefault(latency, Latency.ZERO);
    errorRates = orDefault(errorRates, ErrorRates.NONE);
    supports = supports == null ? null : List.copyOf(supports);
  }

  /** Slug form used by {@code provider.order/only/ignore}: lower case, spaces as dashes. */
  public String slug() {
    return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
  }
}

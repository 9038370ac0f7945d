package io.sluice.app.bench.workload;

import static io.sluice.app.bench.workload.Checks.require;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A model the workload asks for, how often, and the models a client with a fallback chain (or a
 * Sluice route) tries after it.
 *
 * @param model the model id requested
 * @param weight how often, relative to the other choices (1)
 * @param fallbacks models to try after it, in order
 */
public record ModelChoice(String model, Double weight, List<String> fallbacks) {

  public ModelChoice {
    require(model != null && !model.isBlank(), "models[].model is required");
    weight = Objects.requireNonNullElse(weight, 1.0);
    require(weight > 0 && !weight.isInfinite(), "models[" + model + "].weight must be positive, was " + weight);
    fallbacks = List.copyOf(Objects.requireNonNullElse(fallbacks, List.of()));
    require(new LinkedHashSet<>(chainOf(model, fallbacks)).size() == fallbacks.size() + 1,
        "models[" + model + "].fallbacks must not repeat a model");
  }

  /** The model, then its fallbacks. */
  public List<String> chain() {
    return chainOf(model, fallbacks);
  }

  private static List<String> chainOf(String model, List<String> fallbacks) {
    List<String> chain = new ArrayList<>();
    chain.add(model);
    chain.addAll(fallbacks);
    return List.copyOf(chain);
  }
}

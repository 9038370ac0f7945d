package io.sluice.engine.route;

import io.sluice.engine.outcome.OutcomeType;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A route's policy: the models a route (an alias clients send as {@code model}, such as {@code
 * drafting}) may use, in order, and the rules for moving between them. The gateway maps its
 * configuration onto it; the engine does not read configuration. Derive variants with the {@code
 * with…} methods.
 *
 * @param candidates the model ids to try, in order; not empty, no duplicates
 * @param fallbackOn the outcome types after which the next candidate may be tried. A policy may
 *     only narrow {@link #defaultFallbacks()} (each type's {@link
 *     io.sluice.engine.outcome.Reaction#fallback()}), never widen it
 * @param maxPrice the price ceiling every candidate must meet; {@link MaxPrice#NONE} for none
 * @param allowFree whether free models may serve (they share the account's free-model limits)
 * @param allowPaid whether paid models may serve (they spend credits)
 * @param maxAttemptsPerModel the most attempts one request makes on one model, retries included,
 *     for outcomes whose reaction retries with backoff or after a wait (1..10); an outcome that
 *     retries {@code ONCE} allows 2 at most
 */
public record RoutePolicy(
    List<String> candidates,
    Set<OutcomeType> fallbackOn,
    MaxPrice maxPrice,
    boolean allowFree,
    boolean allowPaid,
    int maxAttemptsPerModel) {

  /** Attempts per model unless stated: the first and one retry. */
  public static final int DEFAULT_ATTEMPTS_PER_MODEL = 2;

  private static final int MAX_ATTEMPTS_PER_MODEL = 10;

  public RoutePolicy {
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(fallbackOn, "fallbackOn");
    Objects.requireNonNull(maxPrice, "maxPrice");
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one candidate model");
    }
    if (new HashSet<>(candidates).size() != candidates.size()) {
      throw new IllegalArgumentException("a route names each candidate once, was " + candidates);
    }
    if (candidates.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("a candidate model id must not be blank, was " + candidates);
    }
    fallbackOn = fallbackOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fallbackOn));
    Set<OutcomeType> widened = EnumSet.noneOf(OutcomeType.class);
    widened.addAll(fallbackOn);
    widened.removeAll(defaultFallbacks());
    if (!widened.isEmpty()) {
      throw new IllegalArgumentException("a route may narrow fallback, not widen it: " + widened
          + " never fall back (see OutcomeType's reaction)");
    }
    if (!allowFree && !allowPaid) {
      throw new IllegalArgumentException("a route must allow free models, paid models or both");
    }
    if (maxAttemptsPerModel < 1 || maxAttemptsPerModel > MAX_ATTEMPTS_PER_MODEL) {
      throw new IllegalArgumentException(
          "maxAttemptsPerModel must be 1.." + MAX_ATTEMPTS_PER_MODEL + ", was " + maxAttemptsPerModel);
    }
  }

  /**
   * A route over {@code candidates} with the defaults: fall back wherever the outcome's reaction
   * allows, no price ceiling, free and paid models allowed, {@value #DEFAULT_ATTEMPTS_PER_MODEL}
   * attempts per model.
   */
  public static RoutePolicy of(List<String> candidates) {
    return new RoutePolicy(candidates, defaultFallbacks(), MaxPrice.NONE, true, true, DEFAULT_ATTEMPTS_PER_MODEL);
  }

  /** The outcome types whose default reaction allows falling back. */
  public static Set<OutcomeType> defaultFallbacks() {
    Set<OutcomeType> types = EnumSet.noneOf(OutcomeType.class);
    for (OutcomeType type : OutcomeType.values()) {
      if (type.reaction().fallback()) {
        types.add(type);
      }
    }
    return types;
  }

  public RoutePolicy withFallbackOn(Set<OutcomeType> types) {
    return new RoutePolicy(candidates, types, maxPrice, allowFree, allowPaid, maxAttemptsPerModel);
  }

  public RoutePolicy withMaxPrice(MaxPrice price) {
    return new RoutePolicy(candidates, fallbackOn, price, allowFree, allowPaid, maxAttemptsPerModel);
  }

  public RoutePolicy withAllowFree(boolean allow) {
    return new RoutePolicy(candidates, fallbackOn, maxPrice, allow, allowPaid, maxAttemptsPerModel);
  }

  public RoutePolicy withAllowPaid(boolean allow) {
    return new RoutePolicy(candidates, fallbackOn, maxPrice, allowFree, allow, maxAttemptsPerModel);
  }

  public RoutePolicy withMaxAttemptsPerModel(int attempts) {
    return new RoutePolicy(candidates, fallbackOn, maxPrice, allowFree, allowPaid, attempts);
  }
}

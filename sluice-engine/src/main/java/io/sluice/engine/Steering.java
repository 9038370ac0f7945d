package io.sluice.engine;

import io.sluice.engine.breaker.Breakers;
import io.sluice.engine.breaker.CircuitBreaker;
import io.sluice.engine.breaker.Permission;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.AdaptiveLimit;
import io.sluice.engine.pacing.LimitKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Steering around providers. OpenRouter, not Sluice, picks the provider of each attempt, so what
 * Sluice knows about a provider reaches it as the providers an attempt {@linkplain Step.Send#avoidProviders
 * avoids} (OpenRouter's {@code provider.ignore}).
 *
 * <p><b>Which providers an attempt on a model avoids:</b> of the providers outcomes for that model
 * have named, those whose breaker rejects the call (open, or half-open with its probes out) and
 * those that cool down for that model after a throttle. A half-open provider is not avoided: the
 * attempt holds one of its probes, so that it may reach it and close or reopen its breaker; if the
 * upstream routes the attempt elsewhere, the probe is given back. When every known provider would
 * be avoided, none is: an attempt must stay routable, and a model none of whose providers serves is
 * for the model's own breaker to judge.
 *
 * <p><b>Blame.</b> A failure naming a provider (an overload, a timeout, a throttle) is the
 * provider's alone when another known provider of the model is healthy (breaker closed, not cooling
 * down): steering routes around it, so it does not count against the model's breaker nor cool or
 * shrink the model's limit. Otherwise it counts against both.
 */
final class Steering {

  /**
   * What one attempt takes from the providers.
   *
   * @param avoid the providers the attempt must not reach, sorted
   * @param probes the half-open providers whose probe the attempt holds
   */
  record Route(List<String> avoid, List<String> probes) {
    static final Route NONE = new Route(List.of(), List.of());
  }

  private final Breakers breakers;
  private final AdaptiveLimit limits;

  Steering(Breakers breakers, AdaptiveLimit limits) {
    this.breakers = Objects.requireNonNull(breakers, "breakers");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The providers an attempt on {@code model} at {@code now} avoids, and the probes it takes. */
  Route route(String model, Instant now) {
    List<String> known = breakers.providersOf(model);
    List<String> avoid = new ArrayList<>();
    List<String> probes = new ArrayList<>();
    for (String provider : known) {
      if (coolingDown(model, provider, now)) {
        avoid.add(provider);
        continue;
      }
      switch (breakers.provider(provider).allow(now)) {
        case Permission.Rejected rejected -> avoid.add(provider);
        case Permission.Probe probe -> probes.add(provider);
        case Permission.Allowed allowed -> { }
      }
    }
    if (avoid.isEmpty() && probes.isEmpty() || avoid.size() == known.size()) {
      return Route.NONE;
    }
    return new Route(List.copyOf(avoid), List.copyOf(probes));
  }

  /** The attempt will not be sent: its probes go back. */
  void cancel(Route route) {
    route.probes().forEach(provider -> breakers.provider(provider).cancelProbe());
  }

  /** The attempt came back from {@code outcome}'s provider: the probes of the others went unused. */
  void settle(Route route, Outcome outcome) {
    for (String provider : route.probes()) {
      if (!provider.equals(outcome.provider())) {
        breakers.provider(provider).cancelProbe();
      }
    }
  }

  /** Whether {@code outcome}, from an attempt on {@code model}, is its provider's failure alone. */
  boolean providersAlone(String model, Outcome outcome, Instant now) {
    String provider = outcome.provider();
    OutcomeType type = outcome.type();
    if (provider == null || !(type.signalsUnhealthy() || type == OutcomeType.PROVIDER_THROTTLED)) {
      return false;
    }
    for (String other : breakers.providersOf(model)) {
      if (!other.equals(provider) && breakers.provider(other).state(now) == CircuitBreaker.State.CLOSED
          && !coolingDown(model, other, now)) {
        return true;
      }
    }
    return false;
  }

  private boolean coolingDown(String model, String provider, Instant now) {
    return limits.coolDownUntil(LimitKey.providerOf(model, provider), now).isPresent();
  }
}

package io.sluice.engine.breaker;

import io.sluice.engine.outcome.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The circuit breakers of every model and every provider seen, one {@link CircuitBreaker} each,
 * all with one {@link BreakerConfig}. Providers are learned from {@link Outcome#provider()}: the
 * upstream picks them, so a provider has a breaker once an outcome has named it.
 *
 * <p><b>Bound.</b> At most {@code maxKeys} models and {@code maxKeys} providers are held; beyond
 * that the least recently used goes, and comes back closed if it is seen again. With a bound well
 * above the models in use, what goes is a breaker no traffic has touched for a long time.
 *
 * <p>Thread-safe: a {@link ReentrantLock} guards the maps and is never held while a breaker
 * decides; each breaker has its own.
 */
public final class Breakers {

  private final BreakerConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, CircuitBreaker> models;
  private final Map<String, CircuitBreaker> providers;

  /**
   * @param config how every breaker judges
   * @param maxKeys the most models, and the most providers, held; at least 1
   */
  public Breakers(BreakerConfig config, int maxKeys) {
    this.config = Objects.requireNonNull(config, "config");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
    this.models = leastRecentlyUsed(maxKeys);
    this.providers = leastRecentlyUsed(maxKeys);
  }

  /**
   * Whether a call to {@code model}, through {@code provider} when the route pins one (else null),
   * may be sent at {@code now}: rejected if either breaker rejects (until the later of their
   * instants), a probe if either gives one, else allowed. A probe given by one breaker is given
   * back if the other rejects.
   */
  public Permission allow(String model, String provider, Instant now) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(now, "now");
    CircuitBreaker modelBreaker = breaker(models, model);
    Permission forModel = modelBreaker.allow(now);
    if (provider == null || forModel instanceof Permission.Rejected) {
      return forModel;
    }
    Permission forProvider = breaker(providers, provider).allow(now);
    if (forProvider instanceof Permission.Rejected rejected) {
      if (forModel instanceof Permission.Probe) {
        modelBreaker.cancelProbe();
      }
      return rejected;
    }
    return forModel instanceof Permission.Probe ? forModel : forProvider;
  }

  /**
   * Records what a call to {@code model} came to: on the model's breaker, and on the breaker of
   * the provider the outcome names, if any.
   */
  public void record(String model, Outcome outcome, Instant now) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(outcome, "outcome");
    breaker(models, model).record(outcome.type(), now);
    if (outcome.provider() != null) {
      breaker(providers, outcome.provider()).record(outcome.type(), now);
    }
  }

  /** The breaker of {@code model}, created closed if it was not held. */
  public CircuitBreaker model(String model) {
    return breaker(models, Objects.requireNonNull(model, "model"));
  }

  /** The breaker of {@code provider}, created closed if it was not held. */
  public CircuitBreaker provider(String provider) {
    return breaker(providers, Objects.requireNonNull(provider, "provider"));
  }

  /**
   * The providers whose breaker is open at {@code now}, sorted: for the upstream request's list of
   * providers to ignore, since the upstream, not Sluice, picks the provider.
   */
  public Set<String> openProviders(Instant now) {
    Objects.requireNonNull(now, "now");
    Map<String, CircuitBreaker> held;
    lock.lock();
    try {
      held = Map.copyOf(providers);
    } finally {
      lock.unlock();
    }
    Set<String> open = new TreeSet<>();
    held.forEach((name, breaker) -> {
      if (breaker.state(now) == CircuitBreaker.State.OPEN) {
        open.add(name);
      }
    });
    return open;
  }

  private CircuitBreaker breaker(Map<String, CircuitBreaker> map, String key) {
    lock.lock();
    try {
      return map.computeIfAbsent(key, k -> new CircuitBreaker(config));
    } finally {
      lock.unlock();
    }
  }

  private static Map<String, CircuitBreaker> leastRecentlyUsed(int maxKeys) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CircuitBreaker> eldest) {
        return size() > maxKeys;
      }
    };
  }
}

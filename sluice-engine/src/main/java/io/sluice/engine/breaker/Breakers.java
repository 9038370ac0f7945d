package io.sluice.engine.breaker;

import io.sluice.engine.outcome.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The circuit breakers of every model and every provider seen, one {@link CircuitBreaker} each,
 * all with one {@link BreakerConfig}. Providers are learned from {@link Outcome#provider()}: the
 * upstream picks them, so a provider has a breaker once an outcome has named it, and is known to
 * serve a model once an outcome for that model has named it ({@link #providersOf}).
 *
 * <p><b>Bound.</b> At most {@code maxKeys} models and {@code maxKeys} providers are held, and the
 * providers of at most {@code maxKeys} models, {@value #MAX_PROVIDERS_PER_MODEL} each; beyond that
 * the least recently used goes, and comes back closed (or unknown) if it is seen again. With a bound well
 * above the models in use, what goes is a breaker no traffic has touched for a long time.
 *
 * <p>Thread-safe: a {@link ReentrantLock} guards the maps and is never held while a breaker
 * decides; each breaker has its own.
 */
public final class Breakers {

  /** The most providers remembered for one model. */
  static final int MAX_PROVIDERS_PER_MODEL = 32;

  private final BreakerConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, CircuitBreaker> models;
  private final Map<String, CircuitBreaker> providers;
  private final Map<String, Set<String>> servedBy;

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
    this.servedBy = leastRecentlyUsed(maxKeys);
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
    recordOnProvider(model, outcome, now);
  }

  /**
   * Records what a call to {@code model} came to on the breaker of the provider the outcome names
   * only, not on the model's: for a failure the caller can steer around by avoiding that provider,
   * which says nothing about the model's other providers.
   */
  public void recordAgainstProvider(String model, Outcome outcome, Instant now) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    recordOnProvider(model, outcome, now);
  }

  /** The providers outcomes for {@code model} have named, sorted; empty when none has. */
  public List<String> providersOf(String model) {
    Objects.requireNonNull(model, "model");
    lock.lock();
    try {
      Set<String> known = servedBy.get(model);
      return known == null ? List.of() : List.copyOf(new TreeSet<>(known));
    } finally {
      lock.unlock();
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

  /** The providers whose breaker is open at {@code now}, sorted, whichever models they serve. */
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

  private void recordOnProvider(String model, Outcome outcome, Instant now) {
    String provider = outcome.provider();
    if (provider == null) {
      return;
    }
    breaker(providers, provider).record(outcome.type(), now);
    lock.lock();
    try {
      Set<String> known = servedBy.computeIfAbsent(model, m -> new LinkedHashSet<>());
      known.remove(provider); // the latest seen is the last to go
      known.add(provider);
      if (known.size() > MAX_PROVIDERS_PER_MODEL) {
        known.remove(known.iterator().next());
      }
    } finally {
      lock.unlock();
    }
  }

  private CircuitBreaker breaker(Map<String, CircuitBreaker> map, String key) {
    lock.lock();
    try {
      return map.computeIfAbsent(key, k -> new CircuitBreaker(config));
    } finally {
      lock.unlock();
    }
  }

  private static <V> Map<String, V> leastRecentlyUsed(int maxKeys) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > maxKeys;
      }
    };
  }
}

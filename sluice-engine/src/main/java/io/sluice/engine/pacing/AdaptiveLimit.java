package io.sluice.engine.pacing;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Concurrency limits per model and per provider for the limits nobody publishes, learned by AIMD
 * from the outcomes, with cool-downs when the upstream names a time to come back.
 *
 * <p><b>Rules</b>, per {@link LimitKey}:
 *
 * <ul>
 *   <li>{@link #tryAcquire} admits a call only if the key is not cooling down and fewer calls are
 *       in flight than the limit (rounded down).
 *   <li>A {@link OutcomeType#SUCCESS} adds {@code 1 / limit} to the limit (about one more call per
 *       round of successes), up to {@link AdaptiveLimitConfig#maxLimit()}, but only while at
 *       least half the limit was in use: an idle key does not grow a limit it never tested.
 *   <li>A {@link OutcomeType#PROVIDER_THROTTLED} or {@link OutcomeType#OVERLOADED} multiplies it
 *       by {@link AdaptiveLimitConfig#decreaseFactor()}, down to {@link
 *       AdaptiveLimitConfig#minLimit()}; if it names a {@link Outcome#retryAt()}, the key cools
 *       down until then (at most {@link AdaptiveLimitConfig#maxCoolDown()} from {@code now}):
 *       nothing is admitted before. A later cool-down never shortens an earlier one.
 *   <li>Other outcomes are about the request or the account, and change nothing here.
 * </ul>
 *
 * <p><b>Invariants.</b> {@code minLimit ≤ limit ≤ maxLimit}; an admission never brings the calls
 * in flight above the limit; nothing is admitted while a cool-down runs.
 *
 * <p><b>Bound.</b> At most {@link AdaptiveLimitConfig#maxKeys()} keys are held; beyond that the
 * least recently used goes (and starts again from the initial limit if seen again). A release
 * for a key no longer held only learns.
 *
 * <p><b>Time.</b> Pure function of the state and the {@code now} passed in; no clock is read.
 *
 * <p>Thread-safe: one {@link ReentrantLock}, held for a map lookup and a few assignments.
 *
 * <pre>{@code
 * LimitKey model = LimitKey.model(candidate);
 * if (!limits.tryAcquire(model, now)) { nextCandidate(); }   // cooling down, or at its limit
 * Outcome outcome = send(...);
 * limits.release(model, outcome, clock.instant());
 * if (outcome.provider() != null) limits.learn(LimitKey.provider(outcome.provider()), outcome, clock.instant());
 * }</pre>
 */
public final class AdaptiveLimit {

  private final AdaptiveLimitConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<LimitKey, KeyState> keys;

  /** Limits with no key held yet. */
  public AdaptiveLimit(AdaptiveLimitConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.keys = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<LimitKey, KeyState> eldest) {
        return size() > config.maxKeys();
      }
    };
  }

  /**
   * Admits a call to {@code key} at {@code now} and counts it in flight, unless the key is cooling
   * down or at its limit. An admitted call must be {@link #release released}.
   */
  public boolean tryAcquire(LimitKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      KeyState state = state(key);
      if (state.coolingDownAt(now) || state.inFlight >= (int) state.limit) {
        return false;
      }
      state.inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends an admitted call to {@code key} that came to {@code outcome}, and learns from it. */
  public void release(LimitKey key, Outcome outcome, Instant now) {
    update(key, outcome, now, true);
  }

  /** Ends an admitted call to {@code key} that was never sent: it leaves the calls in flight, and nothing is learned. */
  public void cancel(LimitKey key) {
    Objects.requireNonNull(key, "key");
    lock.lock();
    try {
      KeyState state = keys.get(key);
      if (state != null && state.inFlight > 0) {
        state.inFlight--;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Learns from an outcome for a key whose call was not admitted here, such as the provider the
   * upstream chose, named only in the outcome.
   */
  public void learn(LimitKey key, Outcome outcome, Instant now) {
    update(key, outcome, now, false);
  }

  /** Until when {@code key} cools down, if it still does at {@code now}. */
  public Optional<Instant> coolDownUntil(LimitKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      KeyState state = keys.get(key);
      return state != null && state.coolingDownAt(now) ? Optional.of(state.coolDownUntil) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** The calls {@code key} admits at once now (its limit rounded down). */
  public int limit(LimitKey key) {
    lock.lock();
    try {
      KeyState state = keys.get(Objects.requireNonNull(key, "key"));
      return state == null ? config.initialLimit() : (int) state.limit;
    } finally {
      lock.unlock();
    }
  }

  /** The calls to {@code key} admitted and not yet released. */
  public int inFlight(LimitKey key) {
    lock.lock();
    try {
      KeyState state = keys.get(Objects.requireNonNull(key, "key"));
      return state == null ? 0 : state.inFlight;
    } finally {
      lock.unlock();
    }
  }

  private void update(LimitKey key, Outcome outcome, Instant now, boolean releasing) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      KeyState state = state(key);
      int inUse = state.inFlight;
      if (releasing) {
        state.inFlight = Math.max(0, inUse - 1);
      }
      learn(state, inUse, outcome, now);
    } finally {
      lock.unlock();
    }
  }

  private void learn(KeyState state, int inUse, Outcome outcome, Instant now) {
    OutcomeType type = outcome.type();
    if (type == OutcomeType.SUCCESS) {
      if (inUse * 2 >= (int) state.limit) {
        state.limit = Math.min(config.maxLimit(), state.limit + 1 / state.limit);
      }
    } else if (type == OutcomeType.PROVIDER_THROTTLED || type == OutcomeType.OVERLOADED) {
      state.limit = Math.max(config.minLimit(), state.limit * config.decreaseFactor());
      Instant hint = outcome.retryAt();
      if (hint != null && hint.isAfter(now)) {
        Instant capped = hint.isAfter(now.plus(config.maxCoolDown())) ? now.plus(config.maxCoolDown()) : hint;
        if (state.coolDownUntil == null || capped.isAfter(state.coolDownUntil)) {
          state.coolDownUntil = capped;
        }
      }
    }
  }

  private KeyState state(LimitKey key) {
    return keys.computeIfAbsent(key, k -> new KeyState(config.initialLimit()));
  }

  /** One key's limit, calls in flight and cool-down. Guarded by the registry's lock. */
  private static final class KeyState {
    double limit;
    int inFlight;
    Instant coolDownUntil;

    KeyState(double limit) {
      this.limit = limit;
    }

    boolean coolingDownAt(Instant now) {
      return coolDownUntil != null && now.isBefore(coolDownUntil);
    }
  }
}

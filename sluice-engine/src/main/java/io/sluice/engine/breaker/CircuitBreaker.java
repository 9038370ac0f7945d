package io.sluice.engine.breaker;

import io.sluice.engine.outcome.OutcomeType;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A circuit breaker for one model or one provider, built for low volume: a time-based window, a
 * small minimum number of calls, and a few probes once the open time is over.
 *
 * <p><b>Rules.</b>
 *
 * <ul>
 *   <li>Only {@link OutcomeType#SUCCESS} (a success) and the types that {@link
 *       OutcomeType#signalsUnhealthy() signal unhealthiness} (failures) are recorded; every other
 *       outcome is about the request or a limit and leaves the breaker as it is.
 *   <li><b>Closed</b>: every call is {@link Permission.Allowed allowed}. It opens when, among the
 *       calls recorded in the last {@link BreakerConfig#window()} (at most the latest {@value
 *       #TRACKED_CALLS}), there are at least {@link BreakerConfig#minimumCalls()} and the share of
 *       failures is at least {@link BreakerConfig#failureRateThreshold()}; or when the window's last
 *       {@link BreakerConfig#minimumCalls()} calls all failed, so that an abrupt outage after a busy
 *       healthy minute opens it at once rather than once failures outweigh that minute.
 *   <li><b>Open</b>: every call is {@link Permission.Rejected rejected} until {@code opened +
 *       openDuration}; results recorded meanwhile (calls sent before it opened) are ignored.
 *   <li><b>Half-open</b>, from then on: {@link BreakerConfig#probes()} calls are let through as
 *       {@link Permission.Probe probes}, others rejected. A failure reopens it at once; as many
 *       successes as probes close it with an empty window. Probes that never report back do not
 *       wedge it: after another {@code openDuration} without a verdict, a new round of probes
 *       starts.
 * </ul>
 *
 * <p><b>Time.</b> Pure function of the state and the {@code now} passed in; no clock is read. An
 * instant earlier than one already seen counts as that one.
 *
 * <p>Thread-safe: one {@link ReentrantLock}, held only for the decision. Memory is fixed.
 */
public final class CircuitBreaker {

  /** The most call results the window holds. */
  static final int TRACKED_CALLS = 100;

  /** Where a breaker stands. */
  public enum State {
    /** Calls flow; results are counted. */
    CLOSED,
    /** Calls are rejected until the open time is over. */
    OPEN,
    /** A few probes decide between closing and opening again. */
    HALF_OPEN
  }

  private final BreakerConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final CallWindow window = new CallWindow(TRACKED_CALLS);
  private State state = State.CLOSED;
  private Instant latest = Instant.MIN;
  private Instant openUntil;
  private Instant roundStarted;
  private int probesGiven;
  private int probesSucceeded;

  /** A closed breaker with nothing recorded. */
  public CircuitBreaker(BreakerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Whether a call may be sent at {@code now}; a {@link Permission.Probe} is counted as given. */
  public Permission allow(Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      Instant at = advanceTo(now);
      if (state == State.OPEN) {
        if (at.isBefore(openUntil)) {
          return new Permission.Rejected(openUntil);
        }
        state = State.HALF_OPEN;
        startRound(at);
      }
      if (state == State.HALF_OPEN) {
        Instant roundOver = roundStarted.plus(config.openDuration());
        if (!at.isBefore(roundOver)) {
          startRound(at);
          roundOver = at.plus(config.openDuration());
        }
        if (probesGiven >= config.probes()) {
          return new Permission.Rejected(roundOver);
        }
        probesGiven++;
        return Permission.PROBE;
      }
      return Permission.ALLOWED;
    } finally {
      lock.unlock();
    }
  }

  /** Records the outcome of a call that was sent, at {@code now}. */
  public void record(OutcomeType type, Instant now) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(now, "now");
    boolean failure = type.signalsUnhealthy();
    if (!failure && type != OutcomeType.SUCCESS) {
      return;
    }
    lock.lock();
    try {
      Instant at = advanceTo(now);
      switch (state) {
        case CLOSED -> {
          window.add(at, failure);
          window.evict(at, config.window());
          if (window.failuresInARow() >= config.minimumCalls() || window.size() >= config.minimumCalls()
              && window.failures() >= config.failureRateThreshold() * window.size()) {
            open(at);
          }
        }
        case HALF_OPEN -> {
          if (failure) {
            open(at);
          } else if (++probesSucceeded >= config.probes()) {
            state = State.CLOSED;
            window.clear();
          }
        }
        case OPEN -> {
          // A call sent before the breaker opened: its verdict is already in.
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Gives back a {@link Permission.Probe} whose call will not be sent after all. */
  public void cancelProbe() {
    lock.lock();
    try {
      if (state == State.HALF_OPEN && probesGiven > 0) {
        probesGiven--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Where the breaker stands at {@code now}, as {@link #allow} would see it; changes nothing. */
  public State state(Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      Instant at = now.isBefore(latest) ? latest : now;
      return state == State.OPEN && !at.isBefore(openUntil) ? State.HALF_OPEN : state;
    } finally {
      lock.unlock();
    }
  }

  private void open(Instant at) {
    state = State.OPEN;
    openUntil = at.plus(config.openDuration());
    window.clear();
  }

  private void startRound(Instant at) {
    roundStarted = at;
    probesGiven = 0;
    probesSucceeded = 0;
  }

  private Instant advanceTo(Instant now) {
    if (now.isAfter(latest)) {
      latest = now;
    }
    return latest;
  }
}

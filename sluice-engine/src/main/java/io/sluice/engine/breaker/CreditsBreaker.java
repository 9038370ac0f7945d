package io.sluice.engine.breaker;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The account's credits breaker: an {@link OutcomeType#OUT_OF_CREDITS} outcome stops paid traffic
 * until a reading of the key shows credit again; free candidates are never stopped by it.
 *
 * <p><b>Rules.</b> {@link #record} opens it on {@link OutcomeType#OUT_OF_CREDITS} (not on the
 * transient {@link OutcomeType#CREDITS_IN_FLIGHT}, which is retried after its wait). While open,
 * {@link #allow} rejects paid calls and allows free ones. Only {@link #creditsRestored} closes it,
 * and only with a key reading taken after it opened: a reading that was already under way when
 * the 402 came cannot reopen paid traffic. While open, the rejection names the next instant, on
 * the {@code recheckInterval} grid from the opening, at which the key is worth reading again.
 *
 * <p><b>Time.</b> Pure function of the state and the instants passed in; no clock is read.
 *
 * <p>Thread-safe: one {@link ReentrantLock}, held only for the decision.
 */
public final class CreditsBreaker {

  private final Duration recheckInterval;
  private final ReentrantLock lock = new ReentrantLock();
  private Instant openedAt;

  /** A closed breaker; {@code recheckInterval} (positive) spaces the suggested key readings. */
  public CreditsBreaker(Duration recheckInterval) {
    Objects.requireNonNull(recheckInterval, "recheckInterval");
    if (recheckInterval.isNegative() || recheckInterval.isZero()) {
      throw new IllegalArgumentException("recheckInterval must be positive, was " + recheckInterval);
    }
    this.recheckInterval = recheckInterval;
  }

  /**
   * Whether a call may be sent at {@code now}: free calls always; paid calls unless the breaker is
   * open, in which case the rejection names when to read the key again.
   */
  public Permission allow(boolean free, Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      if (free || openedAt == null) {
        return Permission.ALLOWED;
      }
      long elapsed = Math.max(0, Duration.between(openedAt, now).toMillis());
      long intervals = elapsed / recheckInterval.toMillis() + 1;
      return new Permission.Rejected(openedAt.plus(recheckInterval.multipliedBy(intervals)));
    } finally {
      lock.unlock();
    }
  }

  /** Learns from an outcome recorded at {@code now}: out of credits opens the breaker. */
  public void record(Outcome outcome, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    if (outcome.type() != OutcomeType.OUT_OF_CREDITS) {
      return;
    }
    lock.lock();
    try {
      if (openedAt == null || now.isAfter(openedAt)) {
        openedAt = now;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The key showed credit in a reading taken at {@code readAt}: paid traffic may flow again, unless
   * the breaker opened after that reading was taken.
   *
   * @return whether this closed the breaker
   */
  public boolean creditsRestored(Instant readAt) {
    Objects.requireNonNull(readAt, "readAt");
    lock.lock();
    try {
      if (openedAt == null || !readAt.isAfter(openedAt)) {
        return false;
      }
      openedAt = null;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** When paid traffic was stopped (the latest out-of-credits outcome), or empty while it flows. */
  public Optional<Instant> openSince() {
    lock.lock();
    try {
      return Optional.ofNullable(openedAt);
    } finally {
      lock.unlock();
    }
  }
}

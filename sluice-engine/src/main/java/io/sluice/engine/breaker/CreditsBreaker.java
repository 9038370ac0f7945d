package io.sluice.engine.breaker;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The account's credits breaker: an {@link OutcomeType#OUT_OF_CREDITS} outcome stops paid traffic
 * until there is evidence of credit; free candidates are never stopped by it.
 *
 * <p><b>Opening.</b> {@link #record} opens it on {@link OutcomeType#OUT_OF_CREDITS} (not on the
 * transient {@link OutcomeType#CREDITS_IN_FLIGHT}, which is retried after its wait); a later one
 * moves the opening forward. While open, {@link #allow} allows free calls and rejects paid ones,
 * except a probe as below.
 *
 * <p><b>Evidence that closes it.</b> Readings {@link #learn learned} after the latest opening
 * (a reading already under way when the 402 came proves nothing), the latest of each {@link
 * CreditEvidence.Source}, combined: any {@link CreditEvidence#SHOWS_NO_CREDIT} holds paid traffic
 * without probing; otherwise any {@link CreditEvidence#SHOWS_CREDIT} closes the breaker at once.
 * What counts as which is the reading's to say ({@code KeyInfo} and {@code CreditsInfo}): only a
 * balance above zero shows credit. {@link #creditsRestored} is the caller's own evidence and
 * closes it too.
 *
 * <p><b>Without evidence</b> (no reading since the opening, or readings that {@link
 * CreditEvidence#SAYS_NOTHING say nothing}): once {@code recheckInterval} has passed since the
 * latest out-of-credits answer, exactly one paid call is let through as a {@link
 * Permission.Probe}. Its success closes the breaker; another out-of-credits answer keeps it open
 * for another interval; any other outcome tells nothing about credit and the next probe waits an
 * interval too. A probe that never reports (nor is {@linkplain #cancelProbe given back}) is
 * replaced after an interval. Paid traffic as a whole never flows again without evidence.
 *
 * <p><b>Time.</b> Pure function of the state and the instants passed in; no clock is read.
 *
 * <p>Thread-safe: one {@link ReentrantLock}, held only for the decision.
 */
public final class CreditsBreaker {

  private final Duration recheckInterval;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<CreditEvidence.Source, CreditEvidence> readings = new EnumMap<>(CreditEvidence.Source.class);
  private Instant openedAt;
  private Instant probeDue;
  private Instant probeGiven;

  /**
   * A closed breaker; {@code recheckInterval} (positive) is how long paid traffic waits without
   * evidence before one probe, and spaces the suggested key readings.
   */
  public CreditsBreaker(Duration recheckInterval) {
    Objects.requireNonNull(recheckInterval, "recheckInterval");
    if (recheckInterval.isNegative() || recheckInterval.isZero()) {
      throw new IllegalArgumentException("recheckInterval must be positive, was " + recheckInterval);
    }
    this.recheckInterval = recheckInterval;
  }

  /**
   * Whether a call may be sent at {@code now}: free calls always; paid calls while closed, or as the
   * one probe when it is due and no reading shows there is no credit. A rejection names when to
   * look again; a {@link Permission.Probe} must be {@linkplain #record recorded} with {@code probe}
   * true, or {@linkplain #cancelProbe given back}.
   */
  public Permission allow(boolean free, Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      if (free || openedAt == null) {
        return Permission.ALLOWED;
      }
      if (verdict() == CreditEvidence.SHOWS_NO_CREDIT) {
        return new Permission.Rejected(nextRecheck(now));
      }
      if (probeGiven != null && now.isBefore(probeGiven.plus(recheckInterval))) {
        return new Permission.Rejected(probeGiven.plus(recheckInterval));
      }
      if (now.isBefore(probeDue)) {
        return new Permission.Rejected(probeDue);
      }
      probeGiven = now;
      return Permission.PROBE;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Learns from an outcome recorded at {@code now}: out of credits opens the breaker (or keeps it
   * open); the success of the probe closes it.
   *
   * @param probe whether the call was let through as the probe ({@link #allow} answered {@link
   *     Permission.Probe})
   */
  public void record(Outcome outcome, boolean probe, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      boolean ourProbe = probe && probeGiven != null;
      if (ourProbe) {
        probeGiven = null;
      }
      if (outcome.type() == OutcomeType.OUT_OF_CREDITS) {
        open(now);
      } else if (ourProbe && outcome.type() == OutcomeType.SUCCESS) {
        close();
      } else if (ourProbe && now.plus(recheckInterval).isAfter(probeDue)) {
        probeDue = now.plus(recheckInterval);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Learns from an outcome that was not a probe: out of credits opens the breaker. */
  public void record(Outcome outcome, Instant now) {
    record(outcome, false, now);
  }

  /** Gives back a {@link Permission.Probe} whose call will not be sent after all. */
  public void cancelProbe() {
    lock.lock();
    try {
      probeGiven = null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A reading of {@code source} taken at {@code readAt} said {@code evidence}. It counts only if
   * taken after the breaker last opened; see the class comment for how readings combine.
   *
   * @return whether this closed the breaker
   */
  public boolean learn(CreditEvidence.Source source, CreditEvidence evidence, Instant readAt) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(readAt, "readAt");
    lock.lock();
    try {
      if (openedAt == null || !readAt.isAfter(openedAt)) {
        return false;
      }
      readings.put(source, evidence);
      if (verdict() != CreditEvidence.SHOWS_CREDIT) {
        return false;
      }
      close();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The caller's own evidence, taken at {@code readAt}, that the account has credit again (a
   * balance it read, a payment it made): paid traffic may flow, unless the breaker opened after
   * that evidence was taken.
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
      close();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether it is open and the readings since it opened show there is no credit: no probe goes. */
  public boolean showsNoCredit() {
    lock.lock();
    try {
      return openedAt != null && verdict() == CreditEvidence.SHOWS_NO_CREDIT;
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

  private void open(Instant now) {
    if (openedAt != null && !now.isAfter(openedAt)) {
      return;
    }
    openedAt = now;
    readings.clear();
    probeDue = now.plus(recheckInterval);
  }

  private void close() {
    openedAt = null;
    readings.clear();
    probeDue = null;
    probeGiven = null;
  }

  private CreditEvidence verdict() {
    if (readings.containsValue(CreditEvidence.SHOWS_NO_CREDIT)) {
      return CreditEvidence.SHOWS_NO_CREDIT;
    }
    return readings.containsValue(CreditEvidence.SHOWS_CREDIT) ? CreditEvidence.SHOWS_CREDIT : CreditEvidence.SAYS_NOTHING;
  }

  /** The next instant on the {@code recheckInterval} grid from the opening: when a reading is worth taking. */
  private Instant nextRecheck(Instant now) {
    long elapsed = Math.max(0, Duration.between(openedAt, now).toMillis());
    long intervals = elapsed / recheckInterval.toMillis() + 1;
    return openedAt.plus(recheckInterval.multipliedBy(intervals));
  }
}

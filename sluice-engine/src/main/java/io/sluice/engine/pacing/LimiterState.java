package io.sluice.engine.pacing;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.Admission.WaitUntil;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * The free-model limiter's state and rules, without the lock: {@link #waitFor} is a pure function
 * of this state and {@code now}; the other methods change the state. Not thread-safe; {@link
 * FreeModelLimiter} guards it. Memory is bounded: the last {@code requestsPerWindow} admission
 * times, one day's count and at most one learned budget per limit.
 */
final class LimiterState {

  /** The outcomes whose {@code X-RateLimit-*} describe the account's free-model limits. */
  private static final Set<OutcomeType> ACCOUNT_SIGNALS =
      Set.of(OutcomeType.SUCCESS, OutcomeType.FREE_DAILY_CAP, OutcomeType.ACCOUNT_PER_MINUTE);

  private FreeModelLimits limits;
  private final Duration spacing;
  private final AdmissionWindow window;
  private LocalDate day = LocalDate.MIN;
  private int usedToday;
  private UpstreamBudget minuteBudget;
  private UpstreamBudget dailyBudget;
  private Instant latest = Instant.MIN;
  private long nextId;

  LimiterState(FreeModelLimits limits) {
    this.limits = limits;
    this.spacing = limits.spacing();
    this.window = new AdmissionWindow(limits.requestsPerWindow());
  }

  /** Changes the daily figures; the window and its margin must stay what they were. */
  void changeLimits(FreeModelLimits changed) {
    if (changed.requestsPerWindow() != limits.requestsPerWindow() || !changed.spacing().equals(spacing)) {
      throw new IllegalArgumentException("only the daily figures may change, was " + limits + " -> " + changed);
    }
    limits = changed;
  }

  /** At most {@code remaining} more admissions before the next UTC midnight; never loosens. */
  void learnDailyRemaining(long remaining, Instant now) {
    Instant midnight = nextUtcMidnight(now);
    dailyBudget = tighten(dailyBudget, midnight, Math.max(0, remaining), midnight.plus(spacing), now);
  }

  /** {@code now}, or the latest instant already seen if the clock stepped back; remembered. */
  Instant advanceTo(Instant now) {
    if (now.isAfter(latest)) {
      latest = now;
    }
    return latest;
  }

  /** Empty when a request can be admitted at {@code now}; else the earliest instant it can be. */
  Optional<WaitUntil> waitFor(Instant now) {
    Instant minute = later(afterNow(window.nextFit(spacing), now), blocksUntil(minuteBudget, now));
    Instant daily = later(usedOn(now) >= limits.dailyAllowance() ? nextUtcMidnight(now) : null,
        blocksUntil(dailyBudget, now));
    if (minute == null && daily == null) {
      return Optional.empty();
    }
    boolean dailyBinds = daily != null && (minute == null || !daily.isBefore(minute));
    return Optional.of(dailyBinds ? new WaitUntil(daily, WaitReason.DAILY_CAP)
        : new WaitUntil(minute, WaitReason.MINUTE_WINDOW));
  }

  /**
   * A lower bound of when a request can be admitted after {@code ahead} others are: the minute
   * window's and the daily cap's bounds, and what {@link #waitFor} says now. Learned budgets are
   * counted only as they stand now, so the bound may be early, never late.
   */
  Instant earliestAfter(int ahead, Instant now) {
    Instant bound = window.fitAfter(ahead, spacing, now);
    if (usedOn(now) + ahead >= limits.dailyAllowance()) {
      bound = later(bound, nextUtcMidnight(now));
    }
    Instant held = waitFor(now).map(WaitUntil::instant).orElse(now);
    return later(later(bound, held), now);
  }

  /** Counts an admission at {@code now}, which {@link #waitFor} allowed; returns its id. */
  long admit(Instant now) {
    long id = nextId++;
    window.add(id, now);
    LocalDate today = utcDay(now);
    if (!today.equals(day)) {
      day = today;
      usedToday = 0;
    }
    usedToday++;
    minuteBudget = minuteBudget == null ? null : minuteBudget.afterAdmission(now);
    dailyBudget = dailyBudget == null ? null : dailyBudget.afterAdmission(now);
    return id;
  }

  /**
   * Gives back the slot of an admission that was never sent: in the window, if still held, and in
   * its day, if that is still the one counted. Learned budgets are not given back.
   */
  void release(long id, Instant admittedAt) {
    window.remove(id);
    if (utcDay(admittedAt).equals(day) && usedToday > 0) {
      usedToday--;
    }
  }

  /**
   * Learns from the outcome of an attempt admitted at {@code admittedAt}. A free daily cap closes
   * the day (until the reset the upstream named, else the midnight after the attempt); a
   * per-minute 429 closes the window (until its hint, else one window from now); exhausted or
   * low {@code X-RateLimit-*} tighten the window their reset falls in. Nothing learned reaches
   * past the next UTC midnight plus one window, so a wild hint cannot close the pool for days.
   */
  void learn(Instant admittedAt, Outcome outcome, Instant now) {
    Instant bound = nextUtcMidnight(now).plus(spacing);
    Instant hint = outcome.retryAt();
    if (outcome.type() == OutcomeType.FREE_DAILY_CAP) {
      dailyBudget = tighten(dailyBudget, hint != null ? hint : nextUtcMidnight(admittedAt), 0, bound, now);
    } else if (outcome.type() == OutcomeType.ACCOUNT_PER_MINUTE) {
      minuteBudget = tighten(minuteBudget, hint != null ? hint : now.plus(spacing), 0, bound, now);
    }
    Outcome.RateLimit reported = outcome.rateLimit();
    if (ACCOUNT_SIGNALS.contains(outcome.type()) && reported.remaining() != null && reported.reset() != null) {
      if (reported.reset().isAfter(now.plus(spacing))) {
        dailyBudget = tighten(dailyBudget, reported.reset(), reported.remaining(), bound, now);
      } else {
        minuteBudget = tighten(minuteBudget, reported.reset(), reported.remaining(), bound, now);
      }
    }
  }

  private int usedOn(Instant now) {
    return utcDay(now).equals(day) ? usedToday : 0;
  }

  private static UpstreamBudget tighten(UpstreamBudget current, Instant until, long left, Instant bound, Instant now) {
    Instant end = until.isAfter(bound) ? bound : until;
    return end.isAfter(now) ? UpstreamBudget.tighten(current, new UpstreamBudget(end, left), now) : current;
  }

  private static Instant blocksUntil(UpstreamBudget budget, Instant now) {
    return budget == null ? null : budget.blocksUntil(now);
  }

  private static Instant afterNow(Instant instant, Instant now) {
    return instant != null && instant.isAfter(now) ? instant : null;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static LocalDate utcDay(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  static Instant nextUtcMidnight(Instant instant) {
    return utcDay(instant).plusDays(1).atTime(LocalTime.MIDNIGHT).toInstant(ZoneOffset.UTC);
  }
}

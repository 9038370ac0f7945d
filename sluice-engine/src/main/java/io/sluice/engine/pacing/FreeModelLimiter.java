package io.sluice.engine.pacing;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.pacing.Admission.Admitted;
import io.sluice.engine.pacing.Admission.WaitUntil;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The account-wide limiter for OpenRouter's free models: it admits a request only if sending it
 * cannot exceed the per-minute limit nor the daily cap, so that no request is sent to find out.
 * Every admission counts, whatever its outcome, because the upstream counts failed attempts too.
 *
 * <p><b>Invariant.</b> Of the admissions not released, any half-open span of {@link
 * FreeModelLimits#spacing()} (the window plus its margin) holds at most {@link
 * FreeModelLimits#requestsPerWindow()}, and any UTC day at most {@link
 * FreeModelLimits#dailyAllowance()}. Nothing is admitted while an upstream signal learned through
 * {@link Permit#complete} keeps a limit closed, nor beyond the remaining count it reported.
 *
 * <p><b>Liveness.</b> {@link #admit} answers {@link WaitUntil} with the earliest instant a request
 * can be admitted: at that instant it is admitted, unless another admission or an upstream signal
 * came in between; an instant earlier, it is not, unless a permit was released in between. For
 * the window that instant is when the oldest admission of the full window leaves it; for the day,
 * the next 00:00 UTC; for an upstream signal, the reset it named.
 *
 * <p><b>Time.</b> Decisions are pure functions of the state and the {@code now} passed in; the
 * limiter reads no clock. An instant earlier than one already seen counts as that one, so a wall
 * clock stepping back cannot reopen a window.
 *
 * <p>Thread-safe: one {@link ReentrantLock}, held only for the decision, never across I/O.
 * Memory is bounded by {@link FreeModelLimits#requestsPerWindow()}, however many permits are open.
 *
 * <pre>{@code
 * switch (limiter.admit(clock.instant())) {
 *   case Admission.Admitted admitted -> send(request, admitted.permit());
 *   case Admission.WaitUntil wait -> reply429(wait.retryAfterSeconds(clock.instant()), wait.message());
 * }
 * // after sending: permit.complete(Classifier.classify(...), clock.instant());
 * // if it was never sent: permit.release();
 * }</pre>
 */
public final class FreeModelLimiter {

  private volatile FreeModelLimits limits;
  private final ReentrantLock lock = new ReentrantLock();
  private final LimiterState state;

  /** A limiter with nothing admitted yet. */
  public FreeModelLimiter(FreeModelLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.state = new LimiterState(limits);
  }

  /** The limits it enforces. */
  public FreeModelLimits limits() {
    return limits;
  }

  /**
   * Sets the daily cap to {@code requestsPerDay}, as a reading of the key tells it (50, or 1000 once
   * $10 of credits were bought); the window, its margin and the reserve (cut below the new cap if
   * need be) stay. Admissions already counted today stay counted: a lower cap than today's count
   * closes the day at once. The invariant holds for the cap in force at each admission.
   */
  public void changeRequestsPerDay(int requestsPerDay) {
    lock.lock();
    try {
      FreeModelLimits changed = limits.withRequestsPerDay(requestsPerDay);
      state.changeLimits(changed);
      limits = changed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Learns that the upstream counts {@code remaining} free-model requests left in the UTC day of
   * {@code now} (the key endpoint's {@code free_model_daily_requests.remaining}): at most that
   * many more are admitted before the next 00:00 UTC. Never loosens what was known: other clients
   * of the same account use the same pool, so the lower count wins.
   */
  public void learnDailyRemaining(long remaining, Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      state.learnDailyRemaining(remaining, state.advanceTo(now));
    } finally {
      lock.unlock();
    }
  }

  /** Admits a request at {@code now} and counts it, or says when one can be admitted. */
  public Admission admit(Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      Instant at = state.advanceTo(now);
      Optional<WaitUntil> wait = state.waitFor(at);
      if (wait.isPresent()) {
        return wait.get();
      }
      return new Admitted(new Permit(this, state.admit(at), at));
    } finally {
      lock.unlock();
    }
  }

  /**
   * A lower bound of when a request can be admitted once {@code ahead} others were admitted before
   * it, at {@code now} or later: an owner that queues requests tells with it, at once, one whose
   * deadline comes first (see {@link io.sluice.engine.admission.AdmissionQueue#offer}).
   */
  public Instant earliestAdmission(int ahead, Instant now) {
    Objects.requireNonNull(now, "now");
    if (ahead < 0) {
      throw new IllegalArgumentException("ahead must not be negative, was " + ahead);
    }
    lock.lock();
    try {
      return state.earliestAfter(ahead, state.advanceTo(now));
    } finally {
      lock.unlock();
    }
  }

  void release(Permit permit) {
    lock.lock();
    try {
      state.release(permit.id(), permit.admittedAt());
    } finally {
      lock.unlock();
    }
  }

  void learn(Permit permit, Outcome outcome, Instant now) {
    lock.lock();
    try {
      state.learn(permit.admittedAt(), outcome, state.advanceTo(now));
    } finally {
      lock.unlock();
    }
  }
}

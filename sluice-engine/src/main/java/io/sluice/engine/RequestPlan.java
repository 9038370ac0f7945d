package io.sluice.engine;

import io.sluice.engine.TrafficEngine.Blocked;
import io.sluice.engine.TrafficEngine.Gate;
import io.sluice.engine.TrafficEngine.Pass;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.retry.RetryDecision;
import io.sluice.engine.route.Decision;
import io.sluice.engine.route.ModelInfo;
import io.sluice.engine.route.Plan;
import io.sluice.engine.route.Planner;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request's way through the engine, made by {@link TrafficEngine#plan}. Ask {@link #next} what
 * to do; after each {@link Step.Send}, {@link #report} what the attempt came to (or {@link #cancel}
 * it). The request is over after a {@link Step.Refuse}, a {@link Verdict.Done} or a {@link
 * Verdict.GiveUp}; asking again then is an error.
 *
 * <p><b>Before an attempt</b> ({@link #next}), on the model the request is at: past the deadline it
 * is refused; during a retry's backoff it waits; otherwise the gates are asked in turn (credits,
 * cool-down, breaker, free-model limiter, concurrency). When one is closed until an instant:
 *
 * <ol>
 *   <li>a brief hold (a full free-model window, a busy model) that ends within {@link
 *       EngineConfig#maxWait()} and before the deadline is waited out: pacing holds, it does not
 *       move the request away from its preferred model;
 *   <li>otherwise the request moves forward to the next candidate the planner allows for that kind
 *       of hold, as if the model had failed with its cause (a daily cap skips every free model, a
 *       lack of credits every paid one, an open breaker or a cool-down only that model), and whose
 *       own gates are open;
 *   <li>if none is, it waits when the hold ends within the limits above, and is refused otherwise,
 *       with the instant the hold ends as its {@code Retry-After}.
 * </ol>
 *
 * <p><b>After an attempt</b> ({@link #report}): the outcome is recorded into the shared state, then
 * a success is done; a failure after the response started reaching the client, the last allowed
 * attempt, or one past the deadline gives up; otherwise the {@link Planner} decides: fallback to the
 * next candidate where the cause allows it (preferred), else a retry of the same model after the
 * backoff or the upstream's hint if that falls before the deadline, else give up. A retry of the
 * same model must be granted by the retry budget shared by all traffic, or the request gives up; a
 * fallback goes elsewhere and needs no token.
 *
 * <p>Thread-safe, though meant to be driven by one request's code at a time.
 */
public final class RequestPlan {

  private final TrafficEngine engine;
  private final Instant deadline;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Integer> attemptsByModel = new HashMap<>();
  private Plan plan;
  private ModelInfo current;
  private boolean fallback;
  private Instant notBefore;
  private Pass pending;
  private int attempts;
  private boolean over;

  RequestPlan(TrafficEngine engine, Plan plan, Instant deadline) {
    this.engine = engine;
    this.plan = plan;
    this.deadline = deadline;
    this.current = plan.first().orElse(null);
  }

  /** The instant by which the request must be answered. */
  public Instant deadline() {
    return deadline;
  }

  /** The attempts sent so far. */
  public int attempts() {
    lock.lock();
    try {
      return attempts;
    } finally {
      lock.unlock();
    }
  }

  /** The candidates the route and the catalog left out, each with why (for logs and errors). */
  public List<io.sluice.engine.route.Exclusion> excluded() {
    return plan.excluded();
  }

  /**
   * What to do at {@code now}: send an attempt, wait, or refuse.
   *
   * @throws IllegalStateException if the request is over, or the last {@link Step.Send} was neither
   *     reported nor cancelled
   */
  public Step next(Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      if (over) {
        throw new IllegalStateException("the request is over");
      }
      if (pending != null) {
        throw new IllegalStateException("the attempt on " + pending.model() + " was neither reported nor cancelled");
      }
      if (current == null) {
        return refuse(Step.Reason.NO_CANDIDATE, null, plan.refusal());
      }
      if (!now.isBefore(deadline)) {
        return refuse(Step.Reason.DEADLINE, null, "The request's deadline (" + deadline + ") passed before "
            + (attempts == 0 ? "it could be sent." : "another attempt could be sent."));
      }
      if (notBefore != null && now.isBefore(notBefore)) {
        return new Step.Wait(notBefore, Step.Reason.BACKOFF);
      }
      Gate gate = engine.gate(current, now);
      if (gate instanceof Pass pass) {
        return send(pass);
      }
      Blocked blocked = (Blocked) gate;
      boolean waitable = waitable(blocked, now);
      if (waitable && blocked.reason().brief()) {
        return new Step.Wait(blocked.until(), blocked.reason(), blocked.reason().line(current.id()));
      }
      Step.Send moved = moveOn(blocked, now);
      if (moved != null) {
        return moved;
      }
      if (waitable) {
        return new Step.Wait(blocked.until(), blocked.reason(), blocked.reason().line(current.id()));
      }
      if (!blocked.until().isBefore(deadline) && waitableButForDeadline(blocked, now)) {
        return refuse(Step.Reason.DEADLINE, Duration.between(now, blocked.until()), blocked.message()
            + " The request's deadline (" + deadline + ") comes first.");
      }
      return refuse(blocked.reason(), Duration.between(now, blocked.until()), blocked.message());
    } finally {
      lock.unlock();
    }
  }

  /**
   * What the attempt of the last {@link Step.Send} came to, at {@code now}: recorded into the
   * breakers, the adaptive limits, the free-model limiter and the credits breaker; then done, retry
   * (or fall back), or give up.
   *
   * @throws IllegalStateException if no attempt is waiting for its report
   * @throws IllegalArgumentException if {@code attempt} names another model than the one sent
   */
  public Verdict report(Attempt attempt, Instant now) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      if (pending == null) {
        throw new IllegalStateException("no attempt is waiting for its report");
      }
      if (!pending.model().equals(attempt.model())) {
        throw new IllegalArgumentException("the attempt was sent to " + pending.model() + ", not " + attempt.model());
      }
      Outcome outcome = attempt.classify(now);
      engine.record(pending, outcome, now);
      pending = null;
      return decide(outcome, attempt.started() || outcome.midStream(), now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The attempt of the last {@link Step.Send} will not be sent (the client left, say): what it held
   * is given back, and the request is over. Without an attempt pending, it only ends the request.
   */
  public void cancel() {
    lock.lock();
    try {
      if (pending != null) {
        engine.cancel(pending);
        pending = null;
      }
      over = true;
    } finally {
      lock.unlock();
    }
  }

  private Verdict decide(Outcome outcome, boolean started, Instant now) {
    String model = current.id();
    if (outcome.type() == OutcomeType.SUCCESS) {
      over = true;
      return new Verdict.Done(outcome);
    }
    if (started) {
      return giveUp(outcome, model + " failed after the response had started (" + outcome.type()
          + "); nothing may replace it.", null);
    }
    if (attempts >= engine.config().maxAttempts()) {
      return giveUp(outcome, failed(model, outcome) + "; the request used its " + attempts + " attempts.",
          retryAfter(outcome, now));
    }
    if (!now.isBefore(deadline)) {
      return giveUp(outcome, failed(model, outcome) + "; the request's deadline (" + deadline + ") has passed.",
          retryAfter(outcome, now));
    }
    switch (Planner.afterFailure(plan, model, outcome, attemptsByModel.getOrDefault(model, 1), now)) {
      case Decision.FallBack next -> {
        // No budget token: a fallback takes load off what failed, and the breakers bound the
        // calls to a model that keeps failing. The budget guards against hammering the same one.
        plan = next.plan();
        current = plan.eligible().stream().filter(m -> m.id().equals(next.model())).findFirst().orElseThrow();
        fallback = true;
        notBefore = null;
        return new Verdict.Retry(current.id(), now, true, outcome);
      }
      case Decision.RetrySame same -> {
        switch (engine.backoff().next(attemptsByModel.getOrDefault(model, 1), outcome, now, deadline)) {
          case RetryDecision.RetryAt at -> {
            if (!engine.tryAcquireRetry(now)) {
              return budgetSpent(model, outcome, now);
            }
            notBefore = at.instant();
            return new Verdict.Retry(model, at.instant(), false, outcome);
          }
          case RetryDecision.GiveUp stop -> {
            Duration after = stop.earliestRetry() == null ? retryAfter(outcome, now)
                : nonNegative(Duration.between(now, stop.earliestRetry()));
            return giveUp(outcome, failed(model, outcome) + switch (stop.reason()) {
              case DEADLINE -> "; a retry could not be sent before the request's deadline (" + deadline + ").";
              case ATTEMPTS_EXHAUSTED -> "; it was retried as often as that cause allows.";
              case NOT_RETRYABLE -> "; that cause is not retried.";
            }, after);
          }
        }
      }
      case Decision.Fail fail -> {
        return giveUp(outcome, fail.reason(), fail.retryAfter());
      }
    }
  }

  /**
   * The next candidate the planner allows after a hold of {@code blocked}'s kind whose gates are
   * open, now committed to; null (and nothing changed) when there is none.
   */
  private Step.Send moveOn(Blocked blocked, Instant now) {
    Plan learned = plan;
    String from = current.id();
    Blocked hold = blocked;
    while (true) {
      OutcomeType cause = hold.reason().asOutcome();
      if (cause == null) {
        return null;
      }
      Outcome asIf = new Outcome(cause, 0, false, null, hold.until(), Outcome.RateLimit.NONE, null,
          "not sent: " + hold.message(), null);
      // No retry of a model that was never sent to: only the planner's fallback counts here.
      if (!(Planner.afterFailure(learned, from, asIf, Integer.MAX_VALUE, now) instanceof Decision.FallBack next)) {
        return null;
      }
      ModelInfo candidate = next.plan().eligible().stream().filter(m -> m.id().equals(next.model())).findFirst()
          .orElseThrow();
      Gate gate = engine.gate(candidate, now);
      if (gate instanceof Pass pass) {
        plan = next.plan();
        current = candidate;
        fallback = true;
        notBefore = null;
        return send(pass);
      }
      learned = next.plan();
      from = candidate.id();
      hold = (Blocked) gate;
    }
  }

  private Step.Send send(Pass pass) {
    pending = pass;
    attempts++;
    attemptsByModel.merge(pass.model(), 1, Integer::sum);
    notBefore = null;
    return new Step.Send(pass.model(), attempts, fallback, pass.permit(), pass.route().avoid());
  }

  private boolean waitable(Blocked blocked, Instant now) {
    return blocked.until().isBefore(deadline) && waitableButForDeadline(blocked, now);
  }

  private boolean waitableButForDeadline(Blocked blocked, Instant now) {
    return !blocked.until().isAfter(now.plus(engine.config().maxWait()));
  }

  private Step.Refuse refuse(Step.Reason reason, Duration retryAfter, String message) {
    over = true;
    return new Step.Refuse(reason, retryAfter == null ? null : nonNegative(retryAfter), message);
  }

  private Verdict giveUp(Outcome outcome, String message, Duration retryAfter) {
    over = true;
    return new Verdict.GiveUp(outcome.type(), message, retryAfter, outcome);
  }

  private Verdict budgetSpent(String model, Outcome outcome, Instant now) {
    return giveUp(outcome, failed(model, outcome) + "; the retry budget shared by all traffic is spent, so it is not "
        + "tried again.", retryAfter(outcome, now));
  }

  private static String failed(String model, Outcome outcome) {
    return model + " failed (" + outcome.type() + (outcome.message().isEmpty() ? "" : ": " + outcome.message()) + ")";
  }

  private static Duration retryAfter(Outcome outcome, Instant now) {
    return outcome.retryAt() == null ? null : nonNegative(Duration.between(now, outcome.retryAt()));
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}

package io.sluice.engine;

import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.Permit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a request does next: {@link RequestPlan#next}'s answer. */
public sealed interface Step {

  /**
   * Send the attempt to {@code model} now, then {@link RequestPlan#report report} what it came to
   * (or {@link RequestPlan#cancel cancel} it if it will not be sent after all).
   *
   * @param model the model to put in the request's {@code model}
   * @param attempt the request's attempt number, 1 for the first
   * @param fallback whether {@code model} is not the request's first candidate
   * @param permit the free-model slot the attempt holds; null for a paid model. For information:
   *     {@code report} and {@code cancel} close it, the caller must not
   * @param avoidProviders the providers the upstream should not route this attempt to (their
   *     breaker is open, or they cool down for {@code model}), by the names the upstream's answers
   *     gave them, sorted; empty when none. Add them to the request's {@code provider.ignore}
   *     (OpenRouter), keeping what the request already lists. Never every provider known to serve
   *     the model
   */
  record Send(String model, int attempt, boolean fallback, Permit permit, List<String> avoidProviders)
      implements Step {
    public Send {
      Objects.requireNonNull(model, "model");
      avoidProviders = List.copyOf(avoidProviders);
    }

    /** An attempt that avoids no provider. */
    public Send(String model, int attempt, boolean fallback, Permit permit) {
      this(model, attempt, fallback, permit, List.of());
    }
  }

  /**
   * Not yet: call {@link RequestPlan#next} again at {@code until} (or when something changed).
   * Always after the {@code now} it was given at, before the request's deadline and within {@link
   * EngineConfig#maxWait()}.
   *
   * @param line the shared capacity the request waits its turn for, so that an owner who orders
   *     its waiters (with an {@link io.sluice.engine.admission.AdmissionQueue} per line) asks them
   *     again in turn: {@value #FREE_MODELS} for the account's free-model window, {@code model:<id>}
   *     for a model's concurrency. Null when the wait is the request's own (a backoff) or a hold
   *     that ends for every request at one instant (a cool-down, an open breaker)
   */
  record Wait(Instant until, Reason reason, String line) implements Step {

    /** The line of the requests waiting for the account's free-model window. */
    public static final String FREE_MODELS = "free-models";

    public Wait {
      Objects.requireNonNull(until, "until");
      Objects.requireNonNull(reason, "reason");
    }

    /** The line of the requests waiting for a free slot among {@code model}'s calls in flight. */
    public static String modelLine(String model) {
      return "model:" + model;
    }

    /** A wait in no line. */
    public Wait(Instant until, Reason reason) {
      this(until, reason, null);
    }
  }

  /**
   * The request is over without an attempt: answer the client at once (a 429 for the limits, with
   * {@code Retry-After}).
   *
   * @param retryAfter how long until the request could be served; null when nothing says
   * @param message a sentence for the client naming the cause (and the reset time for a cap)
   */
  record Refuse(Reason reason, Duration retryAfter, String message) implements Step {
    public Refuse {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, for a {@code Retry-After} header; -1 when unknown. */
    public long retryAfterSeconds() {
      if (retryAfter == null) {
        return -1;
      }
      return retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    }
  }

  /** Why a request waits, or is refused. */
  enum Reason {
    /** The account's free-model per-minute window is full. */
    FREE_MINUTE_WINDOW(OutcomeType.ACCOUNT_PER_MINUTE, true),
    /** The account's free-model daily cap is used up until 00:00 UTC. */
    FREE_DAILY_CAP(OutcomeType.FREE_DAILY_CAP, false),
    /**
     * The account is out of credits: paid models are held back until there is evidence of credit
     * (see {@link TrafficEngine#learnCredits}), but for one probe per {@link EngineConfig#creditsRecheck()}.
     */
    OUT_OF_CREDITS(OutcomeType.OUT_OF_CREDITS, false),
    /** The model's circuit breaker is open. */
    BREAKER_OPEN(OutcomeType.OVERLOADED, false),
    /** The model is cooling down after the upstream named a time to come back. */
    COOLING_DOWN(OutcomeType.PROVIDER_THROTTLED, false),
    /** The model has as many calls in flight as its adaptive limit allows. */
    AT_CONCURRENCY_LIMIT(OutcomeType.PROVIDER_THROTTLED, true),
    /** A retry's backoff, or the upstream's {@code Retry-After}, is not over. */
    BACKOFF(null, true),
    /** The request's deadline passed, or would before it could be sent. */
    DEADLINE(null, false),
    /** No candidate meets the request's needs and the route's rules. */
    NO_CANDIDATE(null, false);

    private final OutcomeType asOutcome;
    private final boolean brief;

    Reason(OutcomeType asOutcome, boolean brief) {
      this.asOutcome = asOutcome;
      this.brief = brief;
    }

    /** The cause a failure of this kind would have had upstream: the planner's rules for it apply. */
    OutcomeType asOutcome() {
      return asOutcome;
    }

    /** Whether a wait of this kind is pacing at work, worth waiting out rather than leaving the model. */
    boolean brief() {
      return brief;
    }

    /** The {@link Wait#line()} of a wait of this kind on {@code model}. */
    String line(String model) {
      return switch (this) {
        case FREE_MINUTE_WINDOW -> Wait.FREE_MODELS;
        case AT_CONCURRENCY_LIMIT -> Wait.modelLine(model);
        default -> null;
      };
    }
  }
}

package io.sluice.engine;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What to do after an attempt: {@link RequestPlan#report}'s answer. */
public sealed interface Verdict {

  /** The attempt succeeded: the client has (or gets) its response. */
  record Done(Outcome outcome) implements Verdict {
    public Done {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * Another attempt: call {@link RequestPlan#next} at {@code at} (not before), which answers with
   * the {@link Step.Send} once pacing and breakers agree. Already granted by the retry budget.
   *
   * @param model the model the next attempt is planned for
   * @param at the earliest instant for it: now for a fallback, the backoff or the upstream's hint
   *     for a retry of the same model; always before the deadline
   * @param fallback whether it goes to another model than the failed attempt
   * @param outcome what the failed attempt came to
   */
  record Retry(String model, Instant at, boolean fallback, Outcome outcome) implements Verdict {
    public Retry {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * No further attempt: relay the last response to the client as it is, or answer with the cause.
   *
   * @param cause the last attempt's cause
   * @param message why the request ends there, for the client's error and the log
   * @param retryAfter how long until the upstream said the call may succeed; null when it did not
   * @param outcome what the last attempt came to
   */
  record GiveUp(OutcomeType cause, String message, Duration retryAfter, Outcome outcome) implements Verdict {
    public GiveUp {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}

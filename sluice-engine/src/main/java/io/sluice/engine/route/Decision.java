package io.sluice.engine.route;

import io.sluice.engine.outcome.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What to do after a failed attempt: {@link Planner#afterFailure}'s answer. */
public sealed interface Decision {

  /**
   * Send the same call to the same model again, once the wait is over. Whether the wait fits the
   * request's deadline and the retry budget is the retry policy's to decide; if it does not, the
   * request fails with the outcome's cause.
   *
   * @param model the model to send it to again
   * @param notBefore the earliest instant the upstream said a retry may succeed ({@code
   *     Retry-After}, {@code X-RateLimit-Reset}…); null when it said nothing and backoff decides
   */
  record RetrySame(String model, Instant notBefore) implements Decision {
    public RetrySame {
      Objects.requireNonNull(model, "model");
    }
  }

  /**
   * Try the next candidate. Continue with {@code plan}: it remembers what the request learned (a
   * closed free or paid pool, a context window too small), so that later decisions respect it.
   *
   * @param model the candidate to send the request to now
   * @param plan the plan to pass to the next {@link Planner#afterFailure}
   */
  record FallBack(String model, Plan plan) implements Decision {
    public FallBack {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(plan, "plan");
    }
  }

  /**
   * Give up: answer the client with the cause.
   *
   * @param cause the outcome type of the last attempt
   * @param reason a sentence for the client's error: what failed, and why no candidate is left
   * @param retryAfter how long from the decision's {@code now} until the upstream said the call
   *     may succeed (for a {@code Retry-After} header; the daily reset for a free daily cap); null
   *     when it said nothing
   */
  record Fail(OutcomeType cause, String reason, Duration retryAfter) implements Decision {
    public Fail {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(reason, "reason");
    }
  }
}

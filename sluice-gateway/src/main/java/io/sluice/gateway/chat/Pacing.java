package io.sluice.gateway.chat;

import io.sluice.engine.pacing.Admission;
import io.sluice.engine.pacing.FreeModelLimiter;
import io.sluice.engine.pacing.FreeModelLimits;
import io.sluice.engine.pacing.Permit;
import io.sluice.gateway.config.PacingConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * Admission before sending: requests for free ({@code :free}) models pass the account-wide
 * free-model limiter, so that no request is sent only to learn that a limit was reached; other
 * models go at once. One per gateway: the limit is the account's, whoever the client is.
 */
final class Pacing {

  private final FreeModelLimiter freeModels;
  private final Duration maxWait;

  Pacing(PacingConfig config) {
    FreeModelLimits limits = new FreeModelLimits(config.freeModelsPerMinute(), Duration.ofMinutes(1),
        config.freeModelsPerDay(), config.windowMargin(), 0);
    this.freeModels = new FreeModelLimiter(limits);
    this.maxWait = config.maxWait();
  }

  /** What admission says. */
  sealed interface Decision {}

  /** Send now; {@code permit} (null for a model that is not paced) learns the outcome. */
  record Go(Permit permit) implements Decision {}

  /** Not before {@code until}. */
  record Wait(Admission.WaitUntil until) implements Decision {}

  Decision admit(String model, Instant now) {
    if (!isFree(model)) {
      return new Go(null);
    }
    return switch (freeModels.admit(now)) {
      case Admission.Admitted admitted -> new Go(admitted.permit());
      case Admission.WaitUntil wait -> new Wait(wait);
    };
  }

  /** The longest a request may wait for admission before it is refused instead. */
  Duration maxWait() {
    return maxWait;
  }

  /** OpenRouter's free variants end in {@code :free}; the account-wide free limits apply to those alone. */
  static boolean isFree(String model) {
    return model.endsWith(":free");
  }
}

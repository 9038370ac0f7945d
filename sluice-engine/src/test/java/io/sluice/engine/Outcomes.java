package io.sluice.engine;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.Outcome.RateLimit;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Instant;

/** Outcomes as the classifier would build them, for tests of what the engine does with them. */
public final class Outcomes {

  private Outcomes() {}

  /** An outcome of {@code type} with no provider, no hint and no limit headers. */
  public static Outcome of(OutcomeType type) {
    return of(type, null, null);
  }

  /** An outcome of {@code type} from {@code provider} (or null) with the hint {@code retryAt} (or null). */
  public static Outcome of(OutcomeType type, String provider, Instant retryAt) {
    return new Outcome(type, status(type), false, provider, retryAt, RateLimit.NONE, null,
        type == OutcomeType.SUCCESS ? "" : type.name(), null);
  }

  /** The same outcome, had it come after the response started streaming. */
  public static Outcome midStream(OutcomeType type) {
    return new Outcome(type, 200, true, null, null, RateLimit.NONE, null, type.name(), null);
  }

  /** An outcome of {@code type} whose only hint is an exhausted {@code X-RateLimit-*} resetting at {@code reset}. */
  public static Outcome exhaustedUntil(OutcomeType type, Instant reset) {
    return new Outcome(type, status(type), false, null, null, new RateLimit(20L, 0L, reset), null, type.name(), null);
  }

  private static int status(OutcomeType type) {
    return switch (type) {
      case SUCCESS -> 200;
      case FREE_DAILY_CAP, ACCOUNT_PER_MINUTE, PROVIDER_THROTTLED -> 429;
      case OUT_OF_CREDITS, CREDITS_IN_FLIGHT, KEY_LIMIT -> 402;
      case NO_ENDPOINT -> 404;
      case OVERLOADED -> 503;
      case TIMEOUT -> 408;
      case CONTEXT_TOO_LONG, BAD_REQUEST, UNKNOWN -> 400;
      case AUTH -> 401;
      case MODERATION -> 403;
    };
  }
}

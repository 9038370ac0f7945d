package io.sluice.app.bench.client;

import io.sluice.engine.outcome.OutcomeType;

/** Why an attempt, or a whole request, failed, as the client saw it. */
public enum Cause {
  DAILY_CAP("429 daily cap"),
  PER_MINUTE("429 per minute"),
  PROVIDER_THROTTLED("429 provider"),
  CREDITS("402 credits"),
  UNAVAILABLE("5xx unavailable"),
  TIMEOUT("upstream timeout"),
  REJECTED("4xx rejected"),
  DEADLINE("deadline"),
  NETWORK("network error");

  private final String label;

  Cause(String label) {
    this.label = label;
  }

  /** A short name for tables. */
  public String label() {
    return label;
  }

  /** Whether it is a 429 of any kind. */
  public boolean rateLimited() {
    return this == DAILY_CAP || this == PER_MINUTE || this == PROVIDER_THROTTLED;
  }

  /** The cause an upstream error of the engine's {@code type} stands for. */
  static Cause of(OutcomeType type) {
    return switch (type) {
      case FREE_DAILY_CAP -> DAILY_CAP;
      case ACCOUNT_PER_MINUTE -> PER_MINUTE;
      case PROVIDER_THROTTLED -> PROVIDER_THROTTLED;
      case OUT_OF_CREDITS, CREDITS_IN_FLIGHT, KEY_LIMIT -> CREDITS;
      case OVERLOADED, NO_ENDPOINT -> UNAVAILABLE;
      case TIMEOUT -> TIMEOUT;
      case SUCCESS, CONTEXT_TOO_LONG, BAD_REQUEST, AUTH, MODERATION, UNKNOWN -> REJECTED;
    };
  }
}

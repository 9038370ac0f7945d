package io.sluice.engine.outcome;

import static io.sluice.engine.outcome.Reaction.Retry.AFTER_WAIT;
import static io.sluice.engine.outcome.Reaction.Retry.NO;
import static io.sluice.engine.outcome.Reaction.Retry.ONCE;
import static io.sluice.engine.outcome.Reaction.Retry.WITH_BACKOFF;

import io.sluice.engine.outcome.Reaction.Retry;

/**
 * The closed set of causes an attempt can end with. A type exists because its reaction differs;
 * the details that do not change the reaction (which timeout, which 5xx) stay in the {@link
 * Outcome}'s evidence. "Recognised by" names the strongest evidence; {@link Classifier} documents
 * the order in which it is weighed.
 */
public enum OutcomeType {

  /** A 2xx response with no error in its body or stream. */
  SUCCESS(NO, false, true),

  /**
   * The account's free-model daily cap (50, or 1000 once $10 of credits were bought): a 429 naming
   * {@code free-models-per-day}, {@code limit_source: openrouter_free_tier_daily}, or an exhausted
   * {@code X-RateLimit-*} whose reset is a UTC midnight or hours away. Not retried: the free pool
   * stays closed until the reset (00:00 UTC); a paid candidate only where the route allows one.
   */
  FREE_DAILY_CAP(NO, true, true),

  /**
   * The account's free-model per-minute limit (20 requests a minute): a 429 naming {@code
   * free-models-per-min}, or a rate-limit 429 with no sign of a provider or of a daily window.
   * Retried once the window has room (the pacer knows when).
   */
  ACCOUNT_PER_MINUTE(AFTER_WAIT, true, true),

  /**
   * A provider throttled the model: "temporarily rate-limited upstream", {@code Provider returned
   * error} with a 429, {@code limit_source: upstream_provider_shared_pool}, {@code
   * capacity_exhausted}, any rate-limit error after the model started, or a 5xx whose raw provider
   * error is a rate limit. That model and provider cool down; fall back; retry later.
   */
  PROVIDER_THROTTLED(WITH_BACKOFF, true, true),

  /**
   * The account's credits do not cover the request: a 402 ({@code Insufficient credits}, {@code
   * requires more credits, or fewer max_tokens}, {@code limit_source: openrouter_credits}). Paid
   * traffic stops until the key shows credit again; free candidates only where allowed.
   */
  OUT_OF_CREDITS(NO, true, true),

  /**
   * The transient in-flight spending budget: a 402 with {@code limit_source:
   * openrouter_in_flight_budget}, or any 402 that comes with a {@code Retry-After}. Retried after
   * the wait it names.
   */
  CREDITS_IN_FLIGHT(AFTER_WAIT, true, true),

  /**
   * A spend cap on the API key or its workspace: {@code Key limit exceeded (…)} (403, or 402 as the
   * docs have it), a 402 sending the user to {@code settings/keys}, {@code Workspace … budget …
   * exceeded}. Every candidate uses the same key, so neither retry nor fallback helps.
   */
  KEY_LIMIT(NO, false, true),

  /**
   * The model cannot serve this request at all: unknown or deprecated model, no endpoint that
   * supports the request's parameters, tools, modalities or data policy, routing preferences that
   * leave no provider (404, the availability codes {@code model_not_found}, {@code no_endpoints},
   * {@code region_restricted}…). Never the same call again; another candidate may serve it. Kept
   * apart from {@link #OVERLOADED} because it says nothing about the model's health: it must not
   * open a circuit breaker.
   */
  NO_ENDPOINT(NO, true, true),

  /**
   * The model or its providers are failing: 500, 502, 503, 529, {@code temporarily_unavailable},
   * or the connection reset. Circuit breaker on that model and provider; fall back.
   */
  OVERLOADED(WITH_BACKOFF, true, true),

  /** 408, 504, 524, or one of Sluice's own timeouts. At most one retry within budget; fall back. */
  TIMEOUT(ONCE, true, true),

  /**
   * The prompt and {@code max_tokens} exceed the model's context: a 400 naming the context length,
   * or {@code error_type} {@code context_length_exceeded}, {@code max_tokens_exceeded}, {@code
   * token_limit_exceeded}. A larger-context candidate, or trimming where the route allows; never the
   * same call again.
   */
  CONTEXT_TOO_LONG(NO, true, true),

  /** Any other 4xx: the request itself is wrong. Passed through unchanged. */
  BAD_REQUEST(NO, false, true),

  /**
   * 401, or a 403 that is not a moderation flag, guardrail or key cap. Passed through. Not counted
   * toward the free daily cap: the upstream rejects the key before it knows an account.
   */
  AUTH(NO, false, false),

  /**
   * The input (or output) was flagged: moderation or a guardrail ({@code requires moderation},
   * {@code flagged for}, {@code Request blocked}, {@code content_policy_violation}), whatever the
   * status (a 502 inside a 200 has been seen). Passed through; no retry.
   */
  MODERATION(NO, false, true),

  /** Nothing recognisable (e.g. an error with neither a status nor a type). No retry. */
  UNKNOWN(NO, false, true);

  private final Reaction reaction;

  OutcomeType(Retry retry, boolean fallback, boolean countsTowardFreeDailyCap) {
    this.reaction = new Reaction(retry, fallback, countsTowardFreeDailyCap);
  }

  /**
   * Whether an outcome of this type says the model or provider is unhealthy, so that it counts as a
   * failure toward a circuit breaker: {@link #OVERLOADED} (5xx, no provider, a reset) and {@link
   * #TIMEOUT}. Throttling, credits and caps are limits, handled by pacing and cool-downs; bad
   * requests, auth, moderation, context length and {@link #NO_ENDPOINT} are about the request.
   */
  public boolean signalsUnhealthy() {
    return this == OVERLOADED || this == TIMEOUT;
  }

  /** The default reaction to an outcome of this type. */
  public Reaction reaction() {
    return reaction;
  }
}

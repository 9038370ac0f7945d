package io.sluice.engine.outcome;

import static io.sluice.engine.outcome.OutcomeType.ACCOUNT_PER_MINUTE;
import static io.sluice.engine.outcome.OutcomeType.AUTH;
import static io.sluice.engine.outcome.OutcomeType.BAD_REQUEST;
import static io.sluice.engine.outcome.OutcomeType.CONTEXT_TOO_LONG;
import static io.sluice.engine.outcome.OutcomeType.CREDITS_IN_FLIGHT;
import static io.sluice.engine.outcome.OutcomeType.FREE_DAILY_CAP;
import static io.sluice.engine.outcome.OutcomeType.KEY_LIMIT;
import static io.sluice.engine.outcome.OutcomeType.MODERATION;
import static io.sluice.engine.outcome.OutcomeType.NO_ENDPOINT;
import static io.sluice.engine.outcome.OutcomeType.OUT_OF_CREDITS;
import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.PROVIDER_THROTTLED;
import static io.sluice.engine.outcome.OutcomeType.SUCCESS;
import static io.sluice.engine.outcome.OutcomeType.TIMEOUT;
import static io.sluice.engine.outcome.OutcomeType.UNKNOWN;

import io.sluice.upstream.openrouter.RateLimitHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules behind {@link Classifier}, weighed in the order it describes. Every phrase is quoted
 * from OPENROUTER.md, lower-cased.
 */
final class Rules {

  /** A daily limit's reset is a UTC midnight; a reset further away than this is not a minute's. */
  private static final Duration MINUTE_WINDOW_HORIZON = Duration.ofMinutes(5);

  private static final Map<String, OutcomeType> BY_AVAILABILITY = Map.ofEntries(
      Map.entry("capacity_exhausted", PROVIDER_THROTTLED),
      Map.entry("temporarily_unavailable", OVERLOADED),
      Map.entry("model_not_found", NO_ENDPOINT),
      Map.entry("wrong_endpoint", NO_ENDPOINT),
      Map.entry("no_endpoints", NO_ENDPOINT),
      Map.entry("model_deprecated", NO_ENDPOINT),
      Map.entry("model_unavailable_upstream", NO_ENDPOINT),
      Map.entry("region_restricted", NO_ENDPOINT),
      Map.entry("privacy_restricted", NO_ENDPOINT),
      Map.entry("constraint_filtered", NO_ENDPOINT),
      Map.entry("free_variant_ended", NO_ENDPOINT));

  private static final Map<String, OutcomeType> BY_LIMIT_SOURCE = Map.of(
      "openrouter_free_tier_daily", FREE_DAILY_CAP,
      "openrouter_credits", OUT_OF_CREDITS,
      "openrouter_in_flight_budget", CREDITS_IN_FLIGHT,
      "openrouter_key_limit", KEY_LIMIT,
      "openrouter_workspace_budget", KEY_LIMIT,
      "openrouter_guardrail_budget", KEY_LIMIT,
      "upstream_provider_shared_pool", PROVIDER_THROTTLED);

  /** Phrases of the message, in the order they are tried. */
  private static final List<Map.Entry<String, OutcomeType>> BY_MESSAGE = List.of(
      Map.entry("free-models-per-day", FREE_DAILY_CAP),
      Map.entry("free-models-per-min", ACCOUNT_PER_MINUTE),
      Map.entry("rate-limited upstream", PROVIDER_THROTTLED),
      Map.entry("requires moderation", MODERATION),
      Map.entry("flagged for", MODERATION),
      Map.entry("request blocked", MODERATION),
      Map.entry("context length", CONTEXT_TOO_LONG),
      Map.entry("key limit exceeded", KEY_LIMIT),
      Map.entry("settings/keys", KEY_LIMIT),
      Map.entry("workspace monthly budget", KEY_LIMIT),
      Map.entry("not a valid model id", NO_ENDPOINT),
      Map.entry("no endpoints found", NO_ENDPOINT),
      Map.entry("no allowed providers", NO_ENDPOINT));

  private static final Map<String, OutcomeType> BY_ERROR_TYPE = Map.of(
      "context_length_exceeded", CONTEXT_TOO_LONG,
      "max_tokens_exceeded", CONTEXT_TOO_LONG,
      "token_limit_exceeded", CONTEXT_TOO_LONG,
      "content_policy_violation", MODERATION,
      "refusal", MODERATION);

  /** Words of a provider's raw error that make a 5xx a throttle (e.g. Google's RESOURCE_EXHAUSTED). */
  private static final List<String> THROTTLE_IN_RAW =
      List.of("rate-limited", "rate limit", "too many requests", "resource_exhausted");

  private static final Set<Integer> TIMEOUT_STATUSES = Set.of(408, 504, 524);

  private Rules() {}

  static OutcomeType typeOf(Evidence e, Instant now) {
    if (!e.error() && e.is2xx()) {
      return SUCCESS;
    }
    return lookUp(BY_AVAILABILITY, e.availabilityCode())
        .or(() -> lookUp(BY_LIMIT_SOURCE, e.limitSource()))
        .or(() -> byWords(e))
        .orElseGet(() -> byStatus(e, now));
  }

  private static Optional<OutcomeType> byWords(Evidence e) {
    String message = e.lowerMessage();
    return BY_MESSAGE.stream()
        .filter(phrase -> message.contains(phrase.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .or(() -> e.lowerRaw().contains("rate-limited upstream") ? Optional.of(PROVIDER_THROTTLED) : Optional.empty())
        .or(() -> lookUp(BY_ERROR_TYPE, e.errorType()));
  }

  private static Optional<OutcomeType> lookUp(Map<String, OutcomeType> table, String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(table.get(key));
  }

  private static OutcomeType byStatus(Evidence e, Instant now) {
    int status = e.status();
    if (status == 429) {
      return rateLimited(e, now);
    }
    if (status == 402) {
      // The in-flight budget is the 402 that says when to come back (P-limNew).
      return e.retryAfter() != null ? CREDITS_IN_FLIGHT : OUT_OF_CREDITS;
    }
    if (status == 401 || status == 403) {
      return AUTH;
    }
    if (status == 404) {
      return NO_ENDPOINT;
    }
    if (TIMEOUT_STATUSES.contains(status)) {
      return TIMEOUT;
    }
    if (status >= 500 && status <= 599) {
      String raw = e.lowerRaw();
      return THROTTLE_IN_RAW.stream().anyMatch(raw::contains) ? PROVIDER_THROTTLED : OVERLOADED;
    }
    return status >= 400 && status <= 499 ? BAD_REQUEST : UNKNOWN;
  }

  /**
   * A 429 with no telling words. OpenRouter checks its own limits before the model starts, so a
   * rate limit inside a 200, or one a provider signed, is the provider's; an exhausted limit
   * resetting at midnight or hours away is the daily cap; anything else is the per-minute limit.
   */
  private static OutcomeType rateLimited(Evidence e, Instant now) {
    boolean providerSigned = e.raw() != null || e.providerCode() != null
        || "provider returned error".equals(e.lowerMessage());
    if (e.modelStarted() || providerSigned) {
      return PROVIDER_THROTTLED;
    }
    return dailyReset(e.limits(), now) ? FREE_DAILY_CAP : ACCOUNT_PER_MINUTE;
  }

  private static boolean dailyReset(RateLimitHeaders limits, Instant now) {
    Instant reset = limits.reset();
    if (reset == null || (limits.remaining() != null && limits.remaining() > 0)) {
      return false;
    }
    boolean midnight = reset.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
    return midnight || reset.isAfter(now.plus(MINUTE_WINDOW_HORIZON));
  }
}

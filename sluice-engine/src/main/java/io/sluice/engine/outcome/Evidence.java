package io.sluice.engine.outcome;

import io.sluice.upstream.openrouter.RateLimitHeaders;
import io.sluice.upstream.openrouter.UpstreamError;
import io.sluice.upstream.openrouter.UpstreamError.Availability;
import io.sluice.upstream.openrouter.UpstreamError.Metadata;
import io.sluice.upstream.openrouter.UpstreamError.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * What the classifier weighs, gathered from whichever input it was given. Text is kept as sent
 * and also lower-cased for matching.
 *
 * @param status the status the evidence stands for (see {@link Outcome#status()})
 * @param error whether the upstream reported an error
 * @param modelStarted whether the error came inside a 200, after the model had started (when
 *     OpenRouter's own limits no longer apply)
 * @param retryAfter the wait the upstream asked for, from {@code now}
 */
record Evidence(
    int status,
    boolean error,
    boolean modelStarted,
    boolean midStream,
    String message,
    String errorType,
    String raw,
    String limitSource,
    String providerCode,
    String provider,
    Availability availability,
    RateLimitHeaders limits,
    Duration retryAfter) {

  /**
   * The status D-err gives each {@code error_type} (the same words also appear as string codes),
   * for an error inside a 200 whose {@code code} is not a status.
   */
  private static final Map<String, Integer> STATUS_OF_TYPE = Map.ofEntries(
      Map.entry("authentication", 401),
      Map.entry("permission_denied", 403),
      Map.entry("payment_required", 402),
      Map.entry("rate_limit_exceeded", 429),
      Map.entry("provider_overloaded", 503),
      Map.entry("provider_unavailable", 502),
      Map.entry("invalid_request", 400),
      Map.entry("invalid_prompt", 400),
      Map.entry("not_found", 404),
      Map.entry("precondition_failed", 412),
      Map.entry("payload_too_large", 413),
      Map.entry("unprocessable", 422),
      Map.entry("server", 500),
      Map.entry("server_error", 500),
      Map.entry("timeout", 504),
      Map.entry("unmapped", 500));

  static Evidence of(UpstreamError error, Instant now) {
    Metadata metadata = error.metadata();
    return new Evidence(
        status(error),
        true,
        error.origin() != Origin.ERROR_RESPONSE,
        error.origin().midStream(),
        error.message(),
        metadata.errorType(),
        metadata.raw(),
        metadata.limitSource(),
        metadata.providerCode(),
        metadata.providerName(),
        error.availability(),
        error.limits(),
        error.retryAfter(now).orElse(null));
  }

  /** A response with no error object: only its status and headers speak. */
  static Evidence ofResponse(int status, RateLimitHeaders limits, String provider, Instant now) {
    Duration retryAfter = limits.retryAfter() == null ? null : limits.retryAfter().delayFrom(now);
    return new Evidence(status, false, false, false, "", null, null, null, null, provider, null, limits, retryAfter);
  }

  Evidence withProviderIfUnknown(String fallback) {
    return provider != null ? this : new Evidence(status, error, modelStarted, midStream, message, errorType, raw,
        limitSource, providerCode, fallback, availability, limits, retryAfter);
  }

  boolean is2xx() {
    return status >= 200 && status <= 299;
  }

  String lowerMessage() {
    return lower(message);
  }

  String lowerRaw() {
    return lower(raw);
  }

  String availabilityCode() {
    return availability == null ? null : availability.code();
  }

  Boolean upstreamRetryable() {
    return availability == null ? null : availability.retryable();
  }

  /** The error's effective status; for a code that is no status, the one its type (or code word) implies. */
  private static int status(UpstreamError error) {
    int status = error.effectiveStatus();
    if (status < 200 || status > 299) {
      return status;
    }
    Integer implied = STATUS_OF_TYPE.get(lower(error.metadata().errorType()));
    if (implied == null) {
      implied = STATUS_OF_TYPE.get(lower(error.code()));
    }
    return implied != null ? implied : status;
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}

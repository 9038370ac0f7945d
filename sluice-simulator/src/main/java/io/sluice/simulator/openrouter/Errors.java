package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenRouter's error bodies, with the wording seen on the wire (see shared/OPENROUTER.md §3).
 * Every method returns a fresh {@link SimError}.
 */
final class Errors {

  static final String INTEGRATIONS_URL = "https://openrouter.ai/settings/integrations";
  static final String CREDITS_URL = "https://openrouter.ai/settings/credits";
  static final String KEYS_URL = "https://openrouter.ai/settings/keys";

  private Errors() {}

  static SimError noCredentials() {
    return plain(401, "No auth credentials found");
  }

  static SimError userNotFound() {
    return plain(401, "User not found.");
  }

  static SimError missingAuthHeader() {
    return plain(401, "Missing Authentication header");
  }

  static SimError badRequest(String message) {
    return plain(400, message);
  }

  static SimError invalidModel(String id) {
    return plain(400, id + " is not a valid model ID");
  }

  static SimError tooManyModels() {
    return plain(400, "'models' array must have 3 items or fewer.");
  }

  static SimError payloadTooLarge(int maxBytes) {
    SimError e = plain(413, "Request body too large: the limit is " + maxBytes + " bytes.");
    e.error().putObject("metadata").put("error_type", "payload_too_large");
    return e;
  }

  static SimError freePerMinute(int limit, long resetAtMs) {
    return rateLimitHeaders(plain(429, "Rate limit exceeded: free-models-per-min."), limit, resetAtMs, null,
        SimError.Kind.FREE_PER_MINUTE);
  }

  static SimError freePerDay(int limit, boolean highBalance, long resetAtMs) {
    String message = highBalance
        ? "Rate limit exceeded: free-models-per-day-high-balance."
        : "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day";
    String hint = highBalance
        ? "The daily free-model allowance resets at 00:00 UTC."
        : "Add at least 10 credits to unlock 1000 free model requests per day, or wait for the reset at 00:00 UTC.";
    return rateLimitHeaders(plain(429, message), limit, resetAtMs, hint, SimError.Kind.FREE_PER_DAY);
  }

  /**
   * The provider-side throttle. Forms: {@code raw} (message "Provider returned error", the text in
   * {@code metadata.raw}), {@code message} (the text as the message), {@code docs} (the documented
   * typed form).
   */
  static SimError upstreamRateLimited(String model, String provider, Long retryAfterSeconds, String form) {
    String text = model + " is temporarily rate-limited upstream. Please retry shortly, or add your own key "
        + "to accumulate your rate limits: " + INTEGRATIONS_URL;
    SimError e;
    ObjectNode metadata;
    switch (form == null ? "raw" : form) {
      case "message" -> {
        e = plain(429, model + " is temporarily rate-limited upstream.");
        metadata = e.error().putObject("metadata");
        metadata.put("error_type", "rate_limit_exceeded");
        metadata.put("provider_name", provider);
      }
      case "docs" -> {
        e = plain(429, "Rate limit exceeded");
        metadata = e.error().putObject("metadata");
        metadata.put("error_type", "rate_limit_exceeded");
        metadata.put("provider_code", "rate_limited");
      }
      default -> {
        e = plain(429, "Provider returned error");
        metadata = e.error().putObject("metadata");
        metadata.put("raw", text);
        metadata.put("provider_name", provider);
        metadata.put("is_byok", false);
        metadata.put("provider_error_code", "429");
        metadata.put("limit_source", "upstream_provider_shared_pool");
        metadata.put("remedy_hint", "Retry shortly, choose another provider, or add your own provider key.");
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (retryAfterSeconds != null) {
      metadata.put("retry_after_seconds", retryAfterSeconds);
      metadata.putObject("headers").put("Retry-After", Long.toString(retryAfterSeconds));
      headers.put("Retry-After", Long.toString(retryAfterSeconds));
    }
    return new SimError(429, e.body(), headers, SimError.Kind.UPSTREAM_RATE_LIMIT);
  }

  static SimError insufficientCredits() {
    SimError e = plain(402, "Insufficient credits. Add more using " + CREDITS_URL);
    ObjectNode metadata = e.error().putObject("metadata");
    metadata.put("limit_source", "openrouter_credits");
    metadata.put("remedy_hint", "Add credits at " + CREDITS_URL
        + ", or lower max_tokens / prompt size to fit your remaining balance.");
    return e;
  }

  /** The affordability check; {@code perKey} when the key's own limit is what is short. */
  static SimError cannotAfford(int requestedTokens, long affordableTokens, boolean perKey) {
    String tail = perKey
        ? "To increase, visit " + KEYS_URL + " and create a key with a higher monthly limit"
        : "To increase, visit " + CREDITS_URL + " and add more credits";
    SimError e = plain(402, "This request requires more credits, or fewer max_tokens. You requested up to "
        + requestedTokens + " tokens, but can only afford " + affordableTokens + ". " + tail);
    e.error().putObject("metadata").putNull("provider_name");
    return e;
  }

  static SimError keyLimitExceeded() {
    return plain(403, "Key limit exceeded (total limit)");
  }

  static SimError moderation(String model, String provider, String flaggedInput) {
    SimError e = plain(403, model + " requires moderation on " + provider
        + ". Your input was flagged for \"harassment\". No credits were charged.");
    ObjectNode metadata = e.error().putObject("metadata");
    metadata.putArray("reasons").add("harassment");
    metadata.put("flagged_input", truncateMiddle(flaggedInput, 100));
    metadata.put("provider_name", provider);
    metadata.put("model_slug", model);
    return e;
  }

  static SimError contextTooLong(int contextLength, int promptTokens, int outputTokens, String provider) {
    SimError e = plain(400, "This endpoint's maximum context length is " + contextLength + " tokens. However, you "
        + "requested about " + ((long) promptTokens + outputTokens) + " tokens (" + promptTokens + " of text input, "
        + outputTokens + " in the output). Please reduce the length of either one, or use the \"middle-out\" "
        + "transform to compress your prompt automatically.");
    e.error().putObject("metadata").put("provider_name", provider);
    return e;
  }

  /**
   * The provider preferences left nothing; {@code preference} is {@code only}, {@code order} (with
   * fallbacks off) or {@code ignore}, and {@code named} the providers it lists.
   */
  static SimError noAllowedProviders(String model, List<String> available, String preference, List<String> named) {
    String clause = preference.equals("ignore")
        ? "your request's provider.ignore preference excludes: " + String.join(", ", named)
        : "your request's provider." + preference + " preference permits only: " + String.join(", ", named);
    SimError e = plain(404, "No allowed providers are available for the selected model. Providers serving "
        + model + ": " + String.join(", ", available) + ", but " + clause + ".");
    List<String> permitted = preference.equals("ignore") ? List.of() : named;
    ObjectNode metadata = e.error().putObject("metadata");
    available.forEach(metadata.putArray("available_providers")::add);
    permitted.forEach(metadata.putArray("requested_providers")::add);
    return e;
  }

  static SimError noEndpoints(String message) {
    return plain(404, message);
  }

  /** A provider failing on its own: 502, 503, 408, 524, 529, 500... */
  static SimError providerFailure(int status, String message, String provider) {
    String text = message != null ? message : switch (status) {
      case 408 -> "Operation timed out. Please try again later.";
      case 503 -> "Service temporarily unavailable";
      case 524 -> "Request timed out. Please try again later.";
      case 500 -> "Internal Server Error";
      default -> "Provider returned error";
    };
    SimError e = plain(status, text);
    ObjectNode metadata = e.error().putObject("metadata");
    if (provider != null && status != 500) {
      metadata.put("provider_name", provider);
    }
    metadata.put("error_type", switch (status) {
      case 408, 504, 524 -> "timeout";
      case 503, 529 -> "provider_overloaded";
      case 500 -> "server";
      default -> "provider_unavailable";
    });
    return e;
  }

  static SimError managementKeyRequired() {
    return plain(403, "Only management keys can perform this operation");
  }

  static SimError generationNotFound(String id) {
    return plain(404, "Generation " + id + " not found");
  }

  static SimError notFound(String path) {
    return plain(404, "Not Found: " + path);
  }

  static SimError methodNotAllowed(String method, String allowed) {
    return new SimError(405, body(405, method + " is not allowed here; use " + allowed),
        Map.of("Allow", allowed), SimError.Kind.OTHER);
  }

  static SimError plain(int status, String message) {
    return new SimError(status, body(status, message), Map.of(), SimError.Kind.OTHER);
  }

  private static ObjectNode body(int code, String message) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return root;
  }

  private static SimError rateLimitHeaders(SimError e, int limit, long resetAtMs, String hint, SimError.Kind kind) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-RateLimit-Limit", Integer.toString(limit));
    headers.put("X-RateLimit-Remaining", "0");
    headers.put("X-RateLimit-Reset", Long.toString(resetAtMs));
    ObjectNode metadata = e.error().putObject("metadata");
    ObjectNode mirrored = metadata.putObject("headers");
    headers.forEach(mirrored::put);
    if (kind == SimError.Kind.FREE_PER_DAY) {
      metadata.put("limit_source", "openrouter_free_tier_daily");
      metadata.put("remedy_hint", hint);
    }
    return new SimError(429, e.body(), headers, kind);
  }

  private static String truncateMiddle(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int half = (max - 3) / 2;
    return text.substring(0, half) + "..." + text.substring(text.length() - half);
  }
}

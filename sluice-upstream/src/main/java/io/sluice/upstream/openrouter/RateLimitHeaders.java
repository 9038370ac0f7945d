package io.sluice.upstream.openrouter;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * What an error response said about limits in {@code Retry-After} and {@code X-RateLimit-*}. Each
 * value is read from the response headers, or failing that from the copy OpenRouter mirrors into
 * {@code error.metadata.headers} (the only place they appear for an error inside a 200 or a
 * stream). Any component is null when neither place had a readable value.
 *
 * @param retryAfter {@code Retry-After}
 * @param limit {@code X-RateLimit-Limit}: requests allowed in the window (50 or 1000 a day for
 *     free models)
 * @param remaining {@code X-RateLimit-Remaining}
 * @param reset {@code X-RateLimit-Reset}, sent as epoch milliseconds (00:00 UTC for daily limits)
 */
public record RateLimitHeaders(RetryAfter retryAfter, Long limit, Long remaining, Instant reset) {

  /** No limit headers at all. */
  public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null, null, null);

  /** Whether no value was found. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * The values in a response's own headers: for a response with no error body to read a mirrored
   * copy from (a success, or an error whose body was not read).
   */
  public static RateLimitHeaders of(ResponseHeaders headers) {
    return read(headers, Map.of());
  }

  static RateLimitHeaders read(ResponseHeaders response, Map<String, String> mirrored) {
    ResponseHeaders metadata = ResponseHeaders.of(mirrored);
    return new RateLimitHeaders(
        either(response, metadata, "Retry-After", value -> RetryAfter.parse(value).orElse(null)),
        either(response, metadata, "X-RateLimit-Limit", RateLimitHeaders::number),
        either(response, metadata, "X-RateLimit-Remaining", RateLimitHeaders::number),
        either(response, metadata, "X-RateLimit-Reset", RateLimitHeaders::epochMillis));
  }

  private static <T> T either(ResponseHeaders first, ResponseHeaders second, String name, Function<String, T> parse) {
    T value = parse.apply(first.first(name));
    return value != null ? value : parse.apply(second.first(name));
  }

  private static Long number(String value) {
    if (value == null) {
      return null;
    }
    try {
      long n = Long.parseLong(value.trim());
      return n < 0 ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant epochMillis(String value) {
    Long millis = number(value);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}

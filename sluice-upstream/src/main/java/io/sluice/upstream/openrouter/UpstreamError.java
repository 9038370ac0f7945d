package io.sluice.upstream.openrouter;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An error reported by the upstream, with the evidence a classifier needs, as found on the wire.
 * Built by {@link UpstreamErrors}; components are null when the wire did not carry them, unless
 * stated otherwise.
 *
 * @param origin where the error was found
 * @param httpStatus the status of the response that carried it: the error status for {@link
 *     Origin#ERROR_RESPONSE}, 200 for the other origins (an error inside a body or a stream)
 * @param code {@code error.code} as text, as given: {@code "429"} for the number 429,
 *     {@code "server_error"} for a string code
 * @param codeNumber {@code error.code} as a number, when it is an integer (or a string of digits)
 * @param message {@code error.message}; never null, empty when absent. For a body that was not
 *     JSON or had no error object, a message saying so with a short excerpt
 * @param metadata {@code error.metadata}; never null
 * @param availability {@code error.availability}, on 2026 model-availability errors
 * @param declaredStatus {@code error.http_status}, which the documented availability errors carry
 *     in place of {@code code}
 * @param limits {@code Retry-After} and {@code X-RateLimit-*}, from the response headers or {@code
 *     metadata.headers}; never null
 */
public record UpstreamError(
    Origin origin,
    int httpStatus,
    String code,
    Integer codeNumber,
    String message,
    Metadata metadata,
    Availability availability,
    Integer declaredStatus,
    RateLimitHeaders limits) {

  /** Where in a response an error was found. */
  public enum Origin {
    /** The body of a non-2xx response: the request failed before the model started. */
    ERROR_RESPONSE,
    /** A 200 non-stream body that is only {@code {"error":…}}, with no choices. */
    BODY,
    /** A 200 non-stream body whose first choice has {@code finish_reason:"error"} (and its {@code error}). */
    BODY_CHOICE,
    /** An SSE chunk with the error and a choice finishing with {@code "error"}, after bytes were sent. */
    STREAM_CHUNK,
    /** An SSE chunk that is only {@code {"error":…,"user_id":…}}, with no choices (seen in 2025). */
    STREAM_CHUNK_WITHOUT_CHOICES;

    /** Whether the error arrived after the response had started streaming (so it cannot be retried). */
    public boolean midStream() {
      return this == STREAM_CHUNK || this == STREAM_CHUNK_WITHOUT_CHOICES;
    }
  }

  /**
   * The members of {@code error.metadata} that tell causes apart.
   *
   * @param errorType {@code metadata.error_type} (or {@code error.error_type}, where the documented
   *     availability errors put it), e.g. {@code rate_limit_exceeded}
   * @param providerName {@code metadata.provider_name}, or the {@code provider} of the chunk or body
   *     that carried the error
   * @param raw {@code metadata.raw} as text: the provider's own error, often itself JSON encoded in
   *     a string; an object or array is kept as its JSON text
   * @param limitSource {@code metadata.limit_source}, e.g. {@code openrouter_free_tier_daily}
   * @param providerCode {@code metadata.provider_code}, or the older {@code provider_error_code}
   * @param headers {@code metadata.headers}, OpenRouter's copy of limit headers; never null
   * @param retryAfter {@code metadata.retry_after_seconds}
   */
  public record Metadata(
      String errorType,
      String providerName,
      String raw,
      String limitSource,
      String providerCode,
      Map<String, String> headers,
      Duration retryAfter) {

    /** An error without metadata. */
    public static final Metadata NONE = new Metadata(null, null, null, null, null, Map.of(), null);

    public Metadata {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * {@code error.availability}, OpenRouter's verdict on a model-availability error.
   *
   * @param code e.g. {@code capacity_exhausted}, {@code model_not_found}
   * @param retryable whether OpenRouter says a retry can succeed; false when absent
   * @param retryAfter {@code availability.retry_after}, in seconds on the wire
   */
  public record Availability(String code, boolean retryable, Duration retryAfter) {}

  public UpstreamError {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * The status the error stands for: {@code error.code} when it is an HTTP status (it is the real
   * status of an error inside a 200), else {@code error.http_status}, else the response's status.
   */
  public int effectiveStatus() {
    if (codeNumber != null && codeNumber >= 100 && codeNumber <= 599) {
      return codeNumber;
    }
    return declaredStatus != null ? declaredStatus : httpStatus;
  }

  /**
   * The wait the upstream asked for, if any: the {@code Retry-After} header (or its copy in the
   * metadata), else {@code metadata.retry_after_seconds}, else {@code availability.retry_after}.
   */
  public Optional<Duration> retryAfter(Instant now) {
    if (limits.retryAfter() != null) {
      return Optional.of(limits.retryAfter().delayFrom(now));
    }
    if (metadata.retryAfter() != null) {
      return Optional.of(metadata.retryAfter());
    }
    return Optional.ofNullable(availability).map(Availability::retryAfter);
  }
}

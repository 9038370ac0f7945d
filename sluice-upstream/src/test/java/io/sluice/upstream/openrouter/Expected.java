package io.sluice.upstream.openrouter;

import io.sluice.upstream.openrouter.UpstreamError.Availability;
import io.sluice.upstream.openrouter.UpstreamError.Metadata;
import io.sluice.upstream.openrouter.UpstreamError.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Builds the whole {@link UpstreamError} a test expects; whatever is not set must be absent. */
final class Expected {

  private Origin origin = Origin.ERROR_RESPONSE;
  private final int status;
  private String code;
  private Integer codeNumber;
  private final String message;
  private String errorType;
  private String providerName;
  private String raw;
  private String limitSource;
  private String providerCode;
  private Map<String, String> headers = Map.of();
  private Duration metadataRetryAfter;
  private Availability availability;
  private Integer declaredStatus;
  private RetryAfter retryAfter;
  private Long limit;
  private Long remaining;
  private Instant reset;

  private Expected(int status, String message) {
    this.status = status;
    this.message = message;
  }

  /** An error response whose numeric code equals its status. */
  static Expected error(int status, String message) {
    return new Expected(status, message).code(status);
  }

  /** An error inside a 200 body or stream, with its numeric code. */
  static Expected inside(Origin origin, int code, String message) {
    return new Expected(200, message).origin(origin).code(code);
  }

  static Expected uncoded(Origin origin, int status, String message) {
    return new Expected(status, message).origin(origin);
  }

  Expected origin(Origin value) {
    origin = value;
    return this;
  }

  Expected code(int value) {
    code = Integer.toString(value);
    codeNumber = value;
    return this;
  }

  Expected code(String text) {
    code = text;
    codeNumber = null;
    return this;
  }

  Expected errorType(String value) {
    errorType = value;
    return this;
  }

  Expected provider(String value) {
    providerName = value;
    return this;
  }

  Expected raw(String value) {
    raw = value;
    return this;
  }

  Expected limitSource(String value) {
    limitSource = value;
    return this;
  }

  Expected providerCode(String value) {
    providerCode = value;
    return this;
  }

  /** The mirrored headers, which also become the limits unless response headers override them. */
  Expected mirrored(Map<String, String> value) {
    headers = value;
    return this;
  }

  Expected metadataRetryAfter(Duration value) {
    metadataRetryAfter = value;
    return this;
  }

  Expected availability(String availabilityCode, boolean retryable, Duration after) {
    availability = new Availability(availabilityCode, retryable, after);
    return this;
  }

  Expected declaredStatus(int value) {
    declaredStatus = value;
    return this;
  }

  Expected retryAfter(RetryAfter value) {
    retryAfter = value;
    return this;
  }

  Expected limits(long limitValue, long remainingValue, long resetMillis) {
    limit = limitValue;
    remaining = remainingValue;
    reset = Instant.ofEpochMilli(resetMillis);
    return this;
  }

  UpstreamError build() {
    Metadata metadata =
        new Metadata(errorType, providerName, raw, limitSource, providerCode, headers, metadataRetryAfter);
    return new UpstreamError(origin, status, code, codeNumber, message, metadata, availability, declaredStatus,
        new RateLimitHeaders(retryAfter, limit, remaining, reset));
  }
}

package io.sluice.engine.outcome;

import io.sluice.upstream.openrouter.RateLimitHeaders;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.openrouter.UpstreamError;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Tells what an attempt came to. Pure functions: the same input and {@code now} give the same
 * {@link Outcome}; nothing is read from a clock or kept between calls.
 *
 * <p>An error is weighed strongest evidence first: OpenRouter's structured verdicts ({@code
 * availability.code}, then {@code metadata.limit_source}), then the words of its message (they
 * are steadier than its statuses: a key cap arrives as 402 or 403, a moderation flag as 403 or as
 * a 502 inside a 200), then the status, reading {@code error_type} when an error inside a 200
 * carries a code that is no status. Errors arrive three ways, and all three are accepted: an HTTP
 * error status with a JSON body, an error inside a 200 body, and a mid-stream chunk; {@code
 * error.code} may be a number or a string.
 *
 * <pre>{@code
 * Outcome outcome = Classifier.classify(UpstreamErrors.fromErrorResponse(status, headers, body), now);
 * Outcome streamed = Classifier.classify(200, headers, observer.summary(), now);
 * Outcome ours = Classifier.classify(GatewayFailure.FIRST_BYTE_TIMEOUT, false, now);
 * }</pre>
 */
public final class Classifier {

  private Classifier() {}

  /**
   * An error the upstream reported, in whichever form it came. Its {@code limits} already hold
   * the evidence of the response headers (for an error response) or of {@code metadata.headers}.
   */
  public static Outcome classify(UpstreamError error, Instant now) {
    Objects.requireNonNull(error, "error");
    return outcome(Evidence.of(error, now), now);
  }

  /**
   * A response read through a {@code ResponseObserver}: the error it reported, if any (with the
   * provider the response named, when the error did not), else a success served by that provider.
   *
   * @param status the response's HTTP status
   * @param headers the response's headers
   */
  public static Outcome classify(int status, ResponseHeaders headers, ResponseSummary summary, Instant now) {
    Objects.requireNonNull(summary, "summary");
    if (summary.error() != null) {
      return outcome(Evidence.of(summary.error(), now).withProviderIfUnknown(summary.provider()), now);
    }
    return outcome(Evidence.ofResponse(status, RateLimitHeaders.of(headers), summary.provider(), now), now);
  }

  /**
   * A response with no error object to read: a success whose body was not observed, or an error
   * status whose body was not read. Only the status and the headers speak.
   */
  public static Outcome classify(int status, ResponseHeaders headers, Instant now) {
    return outcome(Evidence.ofResponse(status, RateLimitHeaders.of(headers), null, now), now);
  }

  /**
   * A failure Sluice detected itself.
   *
   * @param responseStarted whether the upstream's response (status and headers) had arrived
   */
  public static Outcome classify(GatewayFailure failure, boolean responseStarted, Instant now) {
    Objects.requireNonNull(failure, "failure");
    return new Outcome(failure.type(), 0, responseStarted, null, null, Outcome.RateLimit.NONE, null,
        failure.description(), failure);
  }

  private static Outcome outcome(Evidence e, Instant now) {
    Objects.requireNonNull(now, "now");
    OutcomeType type = Rules.typeOf(e, now);
    RateLimitHeaders limits = e.limits();
    return new Outcome(
        type,
        e.status(),
        e.midStream(),
        e.provider(),
        type == OutcomeType.SUCCESS ? null : retryAt(type, e, now),
        new Outcome.RateLimit(limits.limit(), limits.remaining(), limits.reset()),
        e.upstreamRetryable(),
        e.message(),
        null);
  }

  /** The latest instant any hint names, never before {@code now}; see {@link Outcome#retryAt()}. */
  private static Instant retryAt(OutcomeType type, Evidence e, Instant now) {
    Instant at = e.retryAfter() == null ? null : now.plus(e.retryAfter());
    Instant reset = e.limits().reset();
    boolean exhausted = e.limits().remaining() == null || e.limits().remaining() == 0;
    if (reset != null && exhausted) {
      Instant notBeforeNow = reset.isBefore(now) ? now : reset;
      at = at == null || notBeforeNow.isAfter(at) ? notBeforeNow : at;
    }
    if (at == null && type == OutcomeType.FREE_DAILY_CAP) {
      return nextUtcMidnight(now);
    }
    return at;
  }

  private static Instant nextUtcMidnight(Instant now) {
    return now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atTime(LocalTime.MIDNIGHT).toInstant(ZoneOffset.UTC);
  }
}

package io.sluice.engine.outcome;

import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt came to: its cause and the evidence the engine acts on. Built by {@link
 * Classifier}. Components are null when the wire did not say, unless stated otherwise. Holds no
 * request content and no credential: the message is the upstream's, with keys masked.
 *
 * @param type the cause; never null
 * @param status the HTTP status the outcome stands for: the response's; for an error inside a 200
 *     body or stream, the error's own code, or the status its {@code error_type} implies (429 for
 *     a throttle mid-stream); 0 for a failure Sluice detected itself
 * @param midStream whether the failure came after the response had started streaming: nothing
 *     may then retry or replace the attempt ({@link #reaction()} says so)
 * @param provider the upstream provider: {@code metadata.provider_name}, else the {@code provider}
 *     the body or chunk names
 * @param retryAt the earliest instant the upstream said a retry may succeed: the latest of {@code
 *     Retry-After}, {@code retry_after_seconds}, {@code availability.retry_after} (each from {@code
 *     now}) and the {@code X-RateLimit-Reset} of an exhausted limit (in the headers or {@code
 *     metadata.headers}). For {@link OutcomeType#FREE_DAILY_CAP} without any of them, the next
 *     00:00 UTC. Never before the {@code now} it was classified at; null for a success
 * @param rateLimit {@code X-RateLimit-*} as reported; never null
 * @param upstreamRetryable {@code availability.retryable}, when the upstream gave that verdict
 * @param message what went wrong, for logs and the client; never null, empty for a success
 * @param gatewayFailure what Sluice detected itself; null when the upstream answered
 */
public record Outcome(
    OutcomeType type,
    int status,
    boolean midStream,
    String provider,
    Instant retryAt,
    RateLimit rateLimit,
    Boolean upstreamRetryable,
    String message,
    GatewayFailure gatewayFailure) {

  /**
   * The {@code X-RateLimit-*} values of the response (or their copy in {@code metadata.headers});
   * any of them null when not reported.
   *
   * @param limit requests allowed in the limit's window
   * @param remaining requests left in it
   * @param reset when the window resets (epoch milliseconds on the wire; a UTC midnight for daily
   *     limits)
   */
  public record RateLimit(Long limit, Long remaining, Instant reset) {

    /** Nothing reported. */
    public static final RateLimit NONE = new RateLimit(null, null, null);

    /** Whether the limit is known to be used up. */
    public boolean exhausted() {
      return remaining != null && remaining == 0;
    }
  }

  public Outcome {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The reaction to this outcome: its type's default, except that an attempt whose response had
   * started may be neither retried nor replaced, and one that never left Sluice counts toward no
   * upstream quota.
   */
  public Reaction reaction() {
    Reaction reaction = type.reaction();
    if (midStream) {
      reaction = reaction.afterResponseStarted();
    }
    if (gatewayFailure != null && !gatewayFailure.sent()) {
      reaction = reaction.neverSent();
    }
    return reaction;
  }
}

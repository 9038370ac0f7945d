package io.sluice.gateway.chat;

import io.sluice.engine.outcome.Classifier;
import io.sluice.engine.outcome.GatewayFailure;
import io.sluice.engine.outcome.Outcome;
import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.openrouter.UpstreamError;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.time.Instant;
import java.util.Optional;

/**
 * How one upstream attempt ended, as evidence for the traffic engine: for a failure before
 * anything reached the client (when the request may still be tried again), and for every
 * attempt's outcome (what the limiters learn from).
 *
 * @param model the model the attempt asked for
 * @param status the upstream's HTTP status, or 0 when no response head arrived
 * @param headers the upstream's response headers (none when no head arrived)
 * @param body the upstream's whole body when it answered with an error status, else empty
 * @param summary what the response said (model, provider, an error inside a 200 body or first chunk)
 * @param failure what broke the attempt on the wire, when something did
 */
record AttemptResult(String model, int status, ResponseHeaders headers, byte[] body, ResponseSummary summary,
    Optional<AttemptFailure> failure) {

  /** The attempt's cause, classified at {@code now}. */
  Outcome outcome(Instant now) {
    if (failure.isPresent()) {
      return Classifier.classify(gatewayFailure(failure.get().kind()), failure.get().afterHead(), now);
    }
    return error().map(e -> Classifier.classify(e, now)).orElseGet(() -> Classifier.classify(status, headers, summary, now));
  }

  private static GatewayFailure gatewayFailure(AttemptFailure.Kind kind) {
    return switch (kind) {
      case CONNECT -> GatewayFailure.CONNECT_FAILED;
      case CONNECT_TIMEOUT -> GatewayFailure.CONNECT_TIMEOUT;
      case FIRST_BYTE_TIMEOUT -> GatewayFailure.FIRST_BYTE_TIMEOUT;
      case IDLE_TIMEOUT -> GatewayFailure.IDLE_TIMEOUT;
      case TOTAL_TIMEOUT -> GatewayFailure.TOTAL_TIMEOUT;
      case CLOSED, PROTOCOL -> GatewayFailure.CONNECTION_RESET;
    };
  }

  /** The upstream's error, in whichever form it came; empty for a failure on the wire. */
  Optional<UpstreamError> error() {
    if (status != 0 && status != 200) {
      return Optional.of(UpstreamErrors.fromErrorResponse(status, headers, body));
    }
    return Optional.ofNullable(summary.error());
  }
}

package io.sluice.gateway.chat;

import io.sluice.engine.Attempt;
import io.sluice.engine.outcome.GatewayFailure;
import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.util.Optional;

/**
 * How one upstream attempt ended, as evidence for the traffic engine, which classifies it and
 * decides what follows.
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

  /**
   * The attempt as the traffic engine reads it.
   *
   * @param started whether the response had started reaching the client, so nothing may replace it
   */
  Attempt toAttempt(boolean started) {
    if (failure.isPresent()) {
      return new Attempt.Failure(model, gatewayFailure(failure.get().kind()), started);
    }
    if (status != 0 && status != 200) {
      return new Attempt.Error(model, UpstreamErrors.fromErrorResponse(status, headers, body), started);
    }
    return new Attempt.Response(model, status, headers, summary, started);
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
}

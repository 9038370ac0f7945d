package io.sluice.gateway.chat;

import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.openrouter.UpstreamError;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.util.Optional;

/**
 * An attempt that failed before anything reached the client, so the request may still be tried
 * again: everything known about why, as evidence for the traffic engine.
 *
 * @param model the model the attempt asked for
 * @param status the upstream's HTTP status, or 0 when no response head arrived
 * @param headers the upstream's response headers (none when no head arrived)
 * @param body the upstream's whole body when it answered with an error status, else empty
 * @param summary what the response said (model, provider, an error inside a 200 body or first chunk)
 * @param failure what broke the attempt on the wire, when something did
 */
record FailedAttempt(String model, int status, ResponseHeaders headers, byte[] body, ResponseSummary summary,
    Optional<AttemptFailure> failure) {

  /** The upstream's error, in whichever form it came; empty for a failure on the wire. */
  Optional<UpstreamError> error() {
    if (status != 0 && status != 200) {
      return Optional.of(UpstreamErrors.fromErrorResponse(status, headers, body));
    }
    return Optional.ofNullable(summary.error());
  }
}

package io.sluice.gateway.chat;

import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.upstream.openrouter.ResponseSummary;

/**
 * How one chat request ended: what accounting and logs record.
 *
 * @param context who asked for what
 * @param ending how it ended
 * @param upstreamStatus the upstream's HTTP status, or 0 when no response head arrived
 * @param summary what the response said: model, provider, usage, any error
 * @param failure what broke the attempt, when {@code ending} is {@link Ending#UPSTREAM_FAILED}
 * @param attempts how many upstream attempts were made
 * @param elapsedNanos from the complete request to the end of the answer
 */
record ChatCompletion(ChatContext context, Ending ending, int upstreamStatus, ResponseSummary summary,
    AttemptFailure failure, int attempts, long elapsedNanos) {

  enum Ending {
    /** The upstream's response, success or error, reached the client whole. */
    ANSWERED,
    /** The attempt failed (connect, timeout, cut); the client got an error. */
    UPSTREAM_FAILED,
    /** The client disconnected first; the upstream request was cancelled. */
    CLIENT_LEFT,
    /** Sluice refused it before sending, as a limit would have refused it upstream. */
    REFUSED
  }
}

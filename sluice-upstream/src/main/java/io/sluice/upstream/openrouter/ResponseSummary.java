package io.sluice.upstream.openrouter;

/**
 * What a {@link ResponseObserver} learned from one response, for the ledger. Components are null
 * when the response did not say.
 *
 * @param generationId {@code id}, the {@code gen-…} id (the same on every chunk)
 * @param model {@code model}: the model that actually served
 * @param provider {@code provider}: the upstream provider that served
 * @param finishReason the last {@code finish_reason} of the first choice: {@code stop}, {@code
 *     length}, {@code tool_calls}, {@code content_filter} or {@code error}
 * @param nativeFinishReason the provider's own finish reason
 * @param usage the last {@code usage} reported (once per response, in the final chunk of a stream)
 * @param error the first error reported in the body or stream
 * @param done whether a stream's {@code [DONE]} marker arrived
 * @param chunks JSON payloads read (1 for a whole body)
 * @param unreadable payloads that were not a JSON object, e.g. a cut or malformed line
 */
public record ResponseSummary(
    String generationId,
    String model,
    String provider,
    String finishReason,
    String nativeFinishReason,
    Usage usage,
    UpstreamError error,
    boolean done,
    int chunks,
    int unreadable) {

  /** Whether the response reported an error, in an error object or only as a finish reason. */
  public boolean failed() {
    return error != null || "error".equals(finishReason);
  }
}

package io.sluice.gateway.chat;

import io.sluice.gateway.server.JsonBodies;
import io.sluice.upstream.openrouter.ResponseSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The SSE event that ends a stream Sluice had to cut, in the form OpenRouter uses for its own
 * mid-stream errors: a top-level {@code error} and a choice with {@code finish_reason: "error"},
 * after which the stream ends without {@code [DONE]}. Clients that handle OpenRouter's errors
 * handle this one, and none mistakes the cut stream for a complete answer.
 */
final class StreamErrorChunk {

  private StreamErrorChunk() {}

  /**
   * @param seen what the stream carried so far, for its id, model and provider
   * @param code the HTTP-like code OpenRouter would use: 502 for a broken upstream, 504 for a timeout
   * @param errorType a stable name for the cause, such as {@code upstream_idle_timeout}
   */
  static byte[] of(ResponseSummary seen, String requestId, Instant now, int code, String errorType, String message) {
    byte[] json = JsonBodies.write(g -> {
      g.writeStringField("id", seen.generationId() != null ? seen.generationId() : requestId);
      g.writeStringField("object", "chat.completion.chunk");
      g.writeNumberField("created", now.getEpochSecond());
      if (seen.model() != null) {
        g.writeStringField("model", seen.model());
      }
      if (seen.provider() != null) {
        g.writeStringField("provider", seen.provider());
      }
      g.writeObjectFieldStart("error");
      g.writeNumberField("code", code);
      g.writeStringField("message", message);
      g.writeObjectFieldStart("metadata");
      g.writeStringField("error_type", errorType);
      g.writeStringField("sluice_request_id", requestId);
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("delta");
      g.writeStringField("content", "");
      g.writeEndObject();
      g.writeStringField("finish_reason", "error");
      g.writeEndObject();
      g.writeEndArray();
    });
    byte[] event = new byte[json.length + 8];
    byte[] prefix = "data: ".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, event, 0, prefix.length);
    System.arraycopy(json, 0, event, prefix.length, json.length);
    event[event.length - 2] = '\n';
    event[event.length - 1] = '\n';
    return event;
  }
}

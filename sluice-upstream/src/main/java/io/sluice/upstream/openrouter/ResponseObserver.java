package io.sluice.upstream.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.upstream.sse.SseEvent;
import io.sluice.upstream.sse.SseListener;
import java.io.IOException;
import java.util.Optional;

/**
 * Learns what Sluice must account for from a response it forwards: generation id, model and
 * provider served, finish reason, usage and any error. It only reads; the bytes go to the client
 * unchanged. Usage is accepted in both final forms seen: a chunk with empty {@code choices} and
 * {@code usage} (as documented), and a finish choice carrying {@code usage} (2026 capture).
 *
 * <pre>{@code
 * ResponseObserver observer = new ResponseObserver();
 * SseParser parser = new SseParser(observer);   // stream: feed the body's chunks to the parser
 * observer.observeBody(body);                  // or: a whole non-stream JSON body
 * ResponseSummary summary = observer.summary();
 * }</pre>
 *
 * <p>Not thread-safe: feed it from one thread, and read the summary from that thread or after the
 * response has ended.
 */
public final class ResponseObserver implements SseListener {

  private String generationId;
  private String model;
  private String provider;
  private String finishReason;
  private String nativeFinishReason;
  private Usage usage;
  private UpstreamError error;
  private boolean done;
  private int chunks;
  private int unreadable;

  /** One SSE event of the stream; its data is the payload. */
  @Override
  public void onEvent(SseEvent event) {
    observeChunk(event.data());
  }

  /**
   * One SSE {@code data:} payload: a JSON chunk or {@code [DONE]}. Once the id, model and provider
   * are known, a chunk is read in full only if it may say something new (usage, an error, a finish
   * reason); the others, most of a stream, carry only content, and are only checked to look like
   * an object. Reading every chunk as a tree was a quarter of the gateway's CPU on streams.
   */
  public void observeChunk(String data) {
    if (SseEvent.DONE.equals(data)) {
      done = true;
      return;
    }
    if (generationId != null && model != null && provider != null && looksLikeObject(data) && onlyContent(data)) {
      chunks++;
      return;
    }
    readObject(data).ifPresent(root -> {
      absorb(root);
      if (error == null) {
        error = UpstreamErrors.inChunk(root).orElse(null);
      }
    });
  }

  private static boolean looksLikeObject(String data) {
    String trimmed = data.strip();
    return trimmed.startsWith("{") && trimmed.endsWith("}");
  }

  /** No usage, no error and no finish reason other than null: nothing the summary keeps. */
  static boolean onlyContent(String data) {
    return !data.contains("\"usage\"") && !data.contains("\"error\"")
        && !hasNonNull(data, "\"finish_reason\"") && !hasNonNull(data, "\"native_finish_reason\"");
  }

  private static boolean hasNonNull(String data, String key) {
    for (int at = data.indexOf(key); at >= 0; at = data.indexOf(key, at + key.length())) {
      int i = at + key.length();
      while (i < data.length() && (Character.isWhitespace(data.charAt(i)) || data.charAt(i) == ':')) {
        i++;
      }
      if (!data.startsWith("null", i)) {
        return true;
      }
    }
    return false;
  }

  /** A whole non-stream JSON body of a 200 response. */
  public void observeBody(byte[] body) {
    readObject(body).ifPresent(root -> {
      absorb(root);
      if (error == null) {
        error = UpstreamErrors.inBody(root).orElse(null);
      }
    });
  }

  /** What has been learned so far. */
  public ResponseSummary summary() {
    return new ResponseSummary(
        generationId, model, provider, finishReason, nativeFinishReason, usage, error, done, chunks, unreadable);
  }

  private void absorb(JsonNode root) {
    chunks++;
    generationId = firstKnown(generationId, root.path("id"));
    model = firstKnown(model, root.path("model"));
    provider = firstKnown(provider, root.path("provider"));
    JsonNode choice = root.path("choices").path(0);
    finishReason = latestKnown(finishReason, choice.path("finish_reason"));
    nativeFinishReason = latestKnown(nativeFinishReason, choice.path("native_finish_reason"));
    if (root.path("usage").isObject()) {
      usage = Usage.read(root.path("usage"));
    }
  }

  private Optional<JsonNode> readObject(String data) {
    try {
      return object(Json.read(data));
    } catch (IOException e) {
      unreadable++;
      return Optional.empty();
    }
  }

  private Optional<JsonNode> readObject(byte[] body) {
    try {
      return object(Json.read(body));
    } catch (IOException e) {
      unreadable++;
      return Optional.empty();
    }
  }

  private Optional<JsonNode> object(JsonNode root) {
    if (root.isObject()) {
      return Optional.of(root);
    }
    unreadable++;
    return Optional.empty();
  }

  private static String firstKnown(String known, JsonNode node) {
    String value = Json.text(node);
    return known != null || value == null || value.isEmpty() ? known : value;
  }

  private static String latestKnown(String known, JsonNode node) {
    String value = Json.text(node);
    return value != null ? value : known;
  }
}

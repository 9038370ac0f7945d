package io.sluice.upstream.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.upstream.openrouter.UpstreamError.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the {@link UpstreamError} in each place OpenRouter puts one. None of these methods throws
 * on malformed input: what cannot be read is reported, never raised.
 */
public final class UpstreamErrors {

  private static final int EXCERPT_CHARS = 200;
  private static final int EXCERPT_SCAN_BYTES = 1024;

  private UpstreamErrors() {}

  /**
   * The error of a non-2xx response. Tolerates the documented and observed forms: {@code
   * {"error":{...},"user_id":...}}, the bare error object of older reports, a string {@code
   * error}. A body that is empty, not JSON or without an error object still gives an error, with
   * the status, the headers' evidence and a message saying what was wrong (with a short excerpt).
   */
  public static UpstreamError fromErrorResponse(int status, ResponseHeaders headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    JsonNode root;
    try {
      root = Json.read(body == null ? new byte[0] : body);
    } catch (IOException e) {
      return ErrorObject.unreadable(status, headers, describe("was not JSON", status, body));
    }
    if (root.isMissingNode()) {
      return ErrorObject.unreadable(status, headers, "upstream sent an empty error body (HTTP " + status + ")");
    }
    JsonNode error = errorObject(root);
    if (error == null) {
      return ErrorObject.unreadable(status, headers, describe("held no error object", status, body));
    }
    return ErrorObject.read(Origin.ERROR_RESPONSE, status, error, root, headers);
  }

  /**
   * The error inside a 200 non-stream body, if there is one: a top-level {@code error} (with no
   * choices), or a first choice that has an {@code error} or {@code finish_reason:"error"}. Empty
   * for a successful completion and for a body that is not JSON at all.
   */
  public static Optional<UpstreamError> fromBody(byte[] body) {
    try {
      return inBody(Json.read(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The error in one SSE data payload of a stream, if there is one: a top-level {@code error}
   * (with a finishing choice, or alone), or a choice with an {@code error} or {@code
   * finish_reason:"error"}. Empty for content chunks, {@code [DONE]} and unreadable payloads.
   */
  public static Optional<UpstreamError> fromChunk(String data) {
    try {
      return inChunk(Json.read(data));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<UpstreamError> inBody(JsonNode root) {
    return find(root, Origin.BODY, Origin.BODY_CHOICE);
  }

  static Optional<UpstreamError> inChunk(JsonNode root) {
    boolean withChoices = !root.path("choices").isEmpty();
    return find(root, withChoices ? Origin.STREAM_CHUNK : Origin.STREAM_CHUNK_WITHOUT_CHOICES, Origin.STREAM_CHUNK);
  }

  private static Optional<UpstreamError> find(JsonNode root, Origin topLevel, Origin inChoice) {
    if (!root.isObject()) {
      return Optional.empty();
    }
    JsonNode error = root.has("error") ? errorObject(root) : null;
    if (error != null) {
      return Optional.of(ErrorObject.read(topLevel, 200, error, root, ResponseHeaders.none()));
    }
    JsonNode choice = root.path("choices").path(0);
    if (choice.path("error").isObject()) {
      return Optional.of(ErrorObject.read(inChoice, 200, choice.path("error"), root, ResponseHeaders.none()));
    }
    if ("error".equals(Json.text(choice.path("finish_reason")))) {
      return Optional.of(ErrorObject.finishedWithError(inChoice, root));
    }
    return Optional.empty();
  }

  /** The error object of a body: {@code error}, a string {@code error}, or a bare error root. */
  private static JsonNode errorObject(JsonNode root) {
    JsonNode error = root.path("error");
    if (error.isObject()) {
      return error;
    }
    if (error.isTextual()) {
      return JsonNodeFactory.instance.objectNode().put("message", error.asText());
    }
    boolean bare = root.isObject() && error.isMissingNode() && (root.has("message") || root.has("code"));
    return bare ? root : null;
  }

  private static String describe(String problem, int status, byte[] body) {
    return "upstream error body " + problem + " (HTTP " + status + "): " + excerpt(body);
  }

  /** The start of a body, printable and with credentials masked, for a message. */
  static String excerpt(byte[] body) {
    int length = Math.min(body.length, EXCERPT_SCAN_BYTES);
    String text = new String(body, 0, length, StandardCharsets.UTF_8);
    StringBuilder printable = new StringBuilder(text.length());
    text.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String masked = Redaction.redact(printable.toString().strip());
    if (masked.length() <= EXCERPT_CHARS && length == body.length) {
      return masked;
    }
    int cut = Math.min(masked.length(), EXCERPT_CHARS);
    if (cut > 0 && Character.isHighSurrogate(masked.charAt(cut - 1))) {
      cut--;
    }
    return masked.substring(0, cut) + "…";
  }
}

package io.sluice.upstream.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.upstream.openrouter.UpstreamError.Availability;
import io.sluice.upstream.openrouter.UpstreamError.Metadata;
import io.sluice.upstream.openrouter.UpstreamError.Origin;
import java.util.Map;

/** Reads one {@code error} object, whichever form and place it came in. */
final class ErrorObject {

  private ErrorObject() {}

  /**
   * @param error the {@code error} object (or a bare root that is one)
   * @param root the whole body or chunk, for the {@code provider} it names
   */
  static UpstreamError read(Origin origin, int status, JsonNode error, JsonNode root, ResponseHeaders headers) {
    JsonNode code = error.path("code");
    Metadata metadata = metadata(error, root);
    String message = Redaction.redact(Json.textOrJson(error.path("message")));
    return new UpstreamError(
        origin,
        status,
        Json.text(code),
        Json.integer(code),
        message == null ? "" : message,
        metadata,
        availability(error.path("availability")),
        Json.integer(error.path("http_status")),
        RateLimitHeaders.read(headers, metadata.headers()));
  }

  /** An error whose body could not be read; only the response headers are evidence. */
  static UpstreamError unreadable(int status, ResponseHeaders headers, String message) {
    return new UpstreamError(Origin.ERROR_RESPONSE, status, null, null, message, Metadata.NONE, null, null,
        RateLimitHeaders.read(headers, Map.of()));
  }

  /** A choice that finished with {@code "error"} but gave no error object. */
  static UpstreamError finishedWithError(Origin origin, JsonNode root) {
    String provider = Json.text(root.path("provider"));
    Metadata metadata = new Metadata(null, provider, null, null, null, Map.of(), null);
    return new UpstreamError(origin, 200, null, null, "the choice finished with \"error\" and no error object",
        metadata, null, null, RateLimitHeaders.NONE);
  }

  private static Metadata metadata(JsonNode error, JsonNode root) {
    JsonNode m = error.path("metadata");
    return new Metadata(
        firstOf(Json.text(m.path("error_type")), Json.text(error.path("error_type"))),
        firstOf(Json.text(m.path("provider_name")), Json.text(root.path("provider"))),
        Redaction.redact(Json.textOrJson(m.path("raw"))),
        Json.text(m.path("limit_source")),
        firstOf(Json.text(m.path("provider_code")), Json.text(m.path("provider_error_code"))),
        Json.textMap(m.path("headers")),
        Json.seconds(m.path("retry_after_seconds")));
  }

  private static Availability availability(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    JsonNode retryable = node.path("retryable");
    boolean isRetryable = retryable.isBoolean() ? retryable.booleanValue() : "true".equals(Json.text(retryable));
    return new Availability(Json.text(node.path("code")), isRetryable, Json.seconds(node.path("retry_after")));
  }

  private static String firstOf(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }
}

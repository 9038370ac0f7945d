package io.sluice.gateway.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * An error Sluice itself answers with, as OpenAI-style JSON that OpenRouter clients read too:
 * {@code {"error":{"message":..., "type":..., "code":<status>}}}. OpenAI SDKs read
 * {@code message} and {@code type}; OpenRouter clients read the numeric {@code code}.
 *
 * @param status the HTTP status
 * @param type a stable machine-readable cause, such as {@code invalid_api_key}
 * @param message what happened and what to do, for a person; never carries a secret
 * @param headers extra response headers, such as {@code Retry-After} or {@code Allow}
 */
public record ApiError(HttpResponseStatus status, String type, String message, Map<String, String> headers) {

  public ApiError {
    headers = Map.copyOf(headers);
  }

  public ApiError(HttpResponseStatus status, String type, String message) {
    this(status, type, message, Map.of());
  }

  public static ApiError badRequest(String message) {
    return new ApiError(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(HttpResponseStatus.UNAUTHORIZED, "invalid_api_key", message,
        Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiError badGateway(String type, String message) {
    return new ApiError(HttpResponseStatus.BAD_GATEWAY, type, message);
  }

  public static ApiError gatewayTimeout(String message) {
    return new ApiError(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream_timeout", message);
  }

  /** The JSON body. */
  public byte[] body() {
    return JsonBodies.write(g -> {
      g.writeObjectFieldStart("error");
      g.writeStringField("message", message);
      g.writeStringField("type", type);
      g.writeNumberField("code", status.code());
      g.writeEndObject();
    });
  }
}

package io.sluice.engine.outcome;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseObserver;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.time.Instant;
import java.util.Map;

/**
 * A response as the gateway receives it, in one of the three forms an error can take, classified
 * the way the gateway will: through {@code sluice-upstream}'s readers, then the {@link Classifier}.
 */
record Wire(Form form, int status, Map<String, String> headers, String body) {

  enum Form {
    /** A non-2xx response and its body. */
    ERROR_RESPONSE,
    /** A 200 non-stream body. */
    BODY,
    /** An SSE data payload of a 200 stream, after a first content chunk. */
    CHUNK
  }

  private static final String CONTENT_CHUNK = """
      {"id":"gen-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}""";

  static Wire response(int status, String body) {
    return new Wire(Form.ERROR_RESPONSE, status, Map.of(), body);
  }

  static Wire response(int status, Map<String, String> headers, String body) {
    return new Wire(Form.ERROR_RESPONSE, status, headers, body);
  }

  static Wire okBody(String body) {
    return new Wire(Form.BODY, 200, Map.of(), body);
  }

  static Wire chunk(String data) {
    return new Wire(Form.CHUNK, 200, Map.of(), data);
  }

  Outcome classify(Instant now) {
    ResponseHeaders responseHeaders = ResponseHeaders.of(headers);
    return switch (form) {
      case ERROR_RESPONSE ->
          Classifier.classify(UpstreamErrors.fromErrorResponse(status, responseHeaders, body.getBytes(UTF_8)), now);
      case BODY -> {
        ResponseObserver observer = new ResponseObserver();
        observer.observeBody(body.getBytes(UTF_8));
        yield Classifier.classify(status, responseHeaders, observer.summary(), now);
      }
      case CHUNK -> {
        ResponseObserver observer = new ResponseObserver();
        observer.observeChunk(CONTENT_CHUNK);
        observer.observeChunk(body);
        yield Classifier.classify(status, responseHeaders, observer.summary(), now);
      }
    };
  }
}

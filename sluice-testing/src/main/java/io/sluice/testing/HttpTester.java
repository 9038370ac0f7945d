package io.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A small HTTP client for tests that talk to a server over real HTTP: JSON in, status, headers
 * and parsed JSON out, and SSE streams split into events.
 */
public final class HttpTester implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  public HttpTester(URI base) {
    this(base, Duration.ofSeconds(30));
  }

  public HttpTester(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  public Reply get(String path, String bearer) {
    return send(builder(path, bearer, Map.of()).GET().build());
  }

  public Reply post(String path, String bearer, String json) {
    return post(path, bearer, json, Map.of());
  }

  public Reply post(String path, String bearer, String json, Map<String, String> headers) {
    return send(builder(path, bearer, headers).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Sends without waiting; for requests a test holds open while it moves a clock. */
  public CompletableFuture<Reply> postAsync(String path, String bearer, String json) {
    HttpRequest request = builder(path, bearer, Map.of()).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Reply(r.statusCode(), r.headers(), r.body()));
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public HttpRequest.Builder builder(String path, String bearer, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    builder.header("Content-Type", "application/json");
    headers.forEach(builder::header);
    return builder;
  }

  public HttpClient client() {
    return client;
  }

  /** Ends the requests still under way (nobody will read their answers) and releases the client. */
  @Override
  public void close() {
    client.shutdownNow();
    client.close();
  }

  /** A whole response. */
  public record Reply(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("response is not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The body split into SSE events (comments and data lines). */
    public List<SseEvent> events() {
      return SseEvent.parse(body);
    }
  }

  /**
   * One SSE event: a comment ({@code : ...}) or a {@code data:} payload.
   *
   * @param comment whether it is a comment line
   * @param text the comment text or the data payload
   */
  public record SseEvent(boolean comment, String text) {

    public static List<SseEvent> parse(String body) {
      List<SseEvent> events = new ArrayList<>();
      for (String line : body.split("\n")) {
        if (line.startsWith(":")) {
          events.add(new SseEvent(true, line.substring(1).trim()));
        } else if (line.startsWith("data:")) {
          events.add(new SseEvent(false, line.substring(5).trim()));
        }
      }
      return events;
    }

    public boolean done() {
      return !comment && text.equals("[DONE]");
    }

    public JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("event is not JSON: " + text, e);
      }
    }
  }
}

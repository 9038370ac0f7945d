package io.sluice.app.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.engine.outcome.Classifier;
import io.sluice.simulator.SimClock;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.RetryAfter;
import io.sluice.upstream.openrouter.UpstreamError;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one chat completion attempt and tells how it ended. The client lives in simulated time:
 * its deadline is an instant on the simulator's clock, turned into a real-time timeout.
 */
final class ChatClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WORDS = {"plan", "route", "limit", "the", "window", "answer", "model", "request",
      "team", "budget", "queue", "time", "data", "result", "value", "system"};

  private final URI completions;
  private final SimClock clock;
  private final double timeScale;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /**
   * @param apiBase the OpenRouter-style base URL, {@code .../api/v1}
   * @param clock the simulator's clock
   * @param timeScale simulated seconds per real second
   */
  ChatClient(URI apiBase, SimClock clock, double timeScale) {
    this.completions = URI.create(apiBase + "/chat/completions");
    this.clock = clock;
    this.timeScale = timeScale;
  }

  /** Sends {@code request} for {@code model} with {@code key}; gives up at {@code deadline}. */
  AttemptResult send(PlannedRequest request, String model, String key, Instant deadline) throws InterruptedException {
    Duration left = Duration.between(clock.now(), deadline);
    Duration timeout = Duration.ofNanos(Math.max(1_000_000, (long) (left.toNanos() / timeScale)));
    HttpRequest http = HttpRequest.newBuilder(completions)
        .timeout(timeout)
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        // Sluice then neither holds nor retries it past what this client waits; others ignore it.
        .header("X-Sluice-Deadline-Ms", Long.toString(Math.max(1, left.toMillis())))
        .POST(HttpRequest.BodyPublishers.ofString(body(request, model)))
        .build();
    try {
      return read(this.http.send(http, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (HttpTimeoutException e) {
      return new AttemptResult(0, Cause.DEADLINE, null, -1, true);
    } catch (IOException e) {
      return new AttemptResult(0, Cause.NETWORK, null, -1, false);
    }
  }

  private AttemptResult read(HttpResponse<byte[]> response) {
    ResponseHeaders headers = name -> response.headers().firstValue(name).orElse(null);
    int upstreamAttempts = response.headers().firstValue("X-Sluice-Attempts").map(Integer::parseInt).orElse(-1);
    Duration retryAfter = Optional.ofNullable(headers.first("Retry-After"))
        .flatMap(RetryAfter::parse)
        .map(r -> r.delayFrom(clock.now()))
        .orElse(null);
    int status = response.statusCode();
    Cause failure = failure(status, headers, response.body());
    return new AttemptResult(status, failure, retryAfter, upstreamAttempts, false);
  }

  /** Null for a 200 with choices; otherwise the cause, read as the engine's classifier reads it. */
  private Cause failure(int status, ResponseHeaders headers, byte[] body) {
    if (status == 200) {
      Optional<UpstreamError> inBody = UpstreamErrors.fromBody(body);
      if (inBody.isPresent()) {
        return Cause.of(Classifier.classify(inBody.get(), clock.now()).type());
      }
      return hasChoices(body) ? null : Cause.UNAVAILABLE;
    }
    return Cause.of(Classifier.classify(UpstreamErrors.fromErrorResponse(status, headers, body), clock.now()).type());
  }

  private static boolean hasChoices(byte[] body) {
    try {
      JsonNode choices = JSON.readTree(body).path("choices");
      return choices.isArray() && !choices.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** The request's body: a prompt of about its token count, and its {@code max_tokens}. */
  static String body(PlannedRequest request, String model) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", request.maxTokens());
    body.putArray("messages").addObject().put("role", "user").put("content", prompt(request));
    return body.toString();
  }

  /** Words that are one token each, so the prompt has about as many tokens as words. */
  static String prompt(PlannedRequest request) {
    StringBuilder text = new StringBuilder("Request ").append(request.index()).append(':');
    for (int i = 0; i < request.promptTokens(); i++) {
      text.append(' ').append(WORDS[(request.index() + i) % WORDS.length]);
    }
    return text.toString();
  }
}

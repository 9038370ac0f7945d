package io.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.app.console.Progress;
import io.sluice.simulator.SimClock;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Naive clients, the kind Sluice exists to replace: each sends requests back to back and
 * retries a 429 at once, up to three times.
 */
final class DemoWorkload {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IMMEDIATE_RETRIES = 3;
  private static final Duration THINK_TIME = Duration.ofMillis(100);
  /** Free models are what most teams start on, and where the layered limits bite first. */
  private static final int FREE_MODEL_WEIGHT = 4;

  private final URI apiBase;
  private final List<String> clientKeys;
  private final List<String> models;
  private final SimClock simulatedTime;
  private final int clients;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder otherFailures = new LongAdder();

  /** Client-side counts. */
  record Tally(long attempts, long ok, long retries, long rateLimited, long otherFailures) {}

  /**
   * @param apiBase where the clients send requests (the gateway's OpenRouter base URL)
   * @param clientKeys the keys the clients use, in turn
   * @param scenario the models the clients ask for, free ones more often
   * @param extraModels more names to ask for, such as route aliases
   * @param simulatedTime the simulator's clock, for the progress line
   */
  DemoWorkload(URI apiBase, List<String> clientKeys, Scenario scenario, List<String> extraModels,
      SimClock simulatedTime, int clients) {
    this.apiBase = apiBase;
    this.clientKeys = List.copyOf(clientKeys);
    this.simulatedTime = simulatedTime;
    this.clients = clients;
    List<String> weighted = new ArrayList<>();
    for (ModelSpec model : scenario.models()) {
      weighted.addAll(Collections.nCopies(model.isFree() ? FREE_MODEL_WEIGHT : 1, model.id()));
    }
    weighted.addAll(extraModels);
    this.models = List.copyOf(weighted);
  }

  void run(Duration duration, Progress progress) throws InterruptedException {
    Instant start = Instant.now();
    Instant simulatedStart = simulatedTime.now();
    Instant end = start.plus(duration);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        String key = clientKeys.get(i % clientKeys.size());
        pool.submit(() -> client(key, end));
      }
      while (Instant.now().isBefore(end)) {
        Thread.sleep(250);
        progress.update(Duration.between(start, Instant.now()).toSeconds(), line(simulatedStart));
      }
    }
    progress.done(line(simulatedStart));
  }

  Tally tally() {
    return new Tally(attempts.sum(), ok.sum(), retries.sum(), rateLimited.sum(), otherFailures.sum());
  }

  private String line(Instant simulatedStart) {
    return String.format("[simulated %s] requests %d  ok %d  429 %d  other failures %d  retries %d",
        Progress.hms(Duration.between(simulatedStart, simulatedTime.now())),
        attempts.sum(), ok.sum(), rateLimited.sum(), otherFailures.sum(), retries.sum());
  }

  private Void client(String key, Instant end) throws InterruptedException {
    int n = 0;
    while (Instant.now().isBefore(end)) {
      ObjectNode body = request(++n);
      for (int attempt = 0; attempt <= IMMEDIATE_RETRIES && Instant.now().isBefore(end); attempt++) {
        if (attempt > 0) {
          retries.increment();
        }
        int status = send(key, body);
        if (status != 429) {
          break;
        }
      }
      Thread.sleep(THINK_TIME);
    }
    return null;
  }

  private ObjectNode request(int n) {
    String model = models.get(ThreadLocalRandom.current().nextInt(models.size()));
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", 64);
    body.putArray("messages").addObject().put("role", "user").put("content", "Demo request " + n + ": summarise the plan.");
    return body;
  }

  private int send(String key, ObjectNode body) throws InterruptedException {
    attempts.increment();
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() == 200 && json.has("choices")) {
        ok.increment();
      } else if (response.statusCode() == 429) {
        rateLimited.increment();
      } else {
        otherFailures.increment();
      }
      return response.statusCode();
    } catch (IOException e) {
      otherFailures.increment();
      return -1;
    }
  }
}

package io.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.pacing.FreeModelLimits;
import io.sluice.simulator.ManualSimClock;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.testing.SimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "Embedding the engine" loop, run for real: a plain JDK HttpClient calls the
 * in-process simulator (free-tier account: 20 free-model requests a minute, 50 a day) through the
 * facade, offering 30 requests a minute. Time is the simulator's manual clock, moved by the loop
 * whenever the engine says to wait (and by the simulated latencies).
 */
class EmbeddingExampleTest {

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.preset("free-tier").autoAdvancing();

  private static final String MODEL = "meta-llama/llama-3.3-70b-instruct:free";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterAll
  static void closeClient() {
    HTTP.close();
  }

  @Test
  void offeredLoadAboveTheFreeLimitIsPacedWithoutASingleUpstream429() throws Exception {
    ManualSimClock clock = SIM.clock();
    URI api = SIM.simulator().apiBase();
    String key = SIM.key("free");
    // A 1 s margin on the window, so that an attempt's latency cannot shift it into the upstream's next window.
    TrafficEngine engine = new TrafficEngine(EngineConfig.defaults()
        .withFreeModels(FreeModelLimits.defaults().withSafetyMargin(Duration.ofSeconds(1), 0)), new SplittableRandom(7));

    HttpResponse<byte[]> keyReading = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/key"))
        .header("Authorization", "Bearer " + key).build(), BodyHandlers.ofByteArray());
    engine.learnKey(KeyInfo.parse(keyReading.body()), clock.now());
    assertThat(engine.freeModelsPerDay()).isEqualTo(50);

    Instant start = clock.now();
    int served = 0;
    int refusedForTheDay = 0;
    for (int i = 0; i < 60; i++) {
      Instant arrival = start.plusSeconds(2L * i); // 30 a minute offered
      if (clock.now().isBefore(arrival)) {
        clock.advance(Duration.between(clock.now(), arrival));
      }
      switch (call(engine, api, key, clock)) {
        case "served" -> served++;
        case "FREE_DAILY_CAP" -> refusedForTheDay++;
        case String other -> throw new AssertionError("request " + i + " ended " + other);
      }
    }

    KeyStats stats = SIM.simulator().stats("free");
    assertThat(served).isEqualTo(50);
    assertThat(refusedForTheDay).isEqualTo(10);
    assertThat(stats.attempts()).isEqualTo(50);
    assertThat(stats.rateLimited()).isZero();
    assertThat(stats.freeDailyUsed()).isEqualTo(50);
    // 50 requests at 20 a minute take more than two minutes, though they were offered in under two.
    assertThat(Duration.between(start, clock.now())).isGreaterThan(Duration.ofMinutes(2));
  }

  /** A request body for {@code model} that asks OpenRouter to skip the providers {@code avoid}. */
  private static String chatBody(String model, List<String> avoid) {
    String ignore = avoid.isEmpty() ? ""
        : ",\"provider\":{\"ignore\":[" + avoid.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(",")) + "]}";
    return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + ignore + "}";
  }

  /** One request through the engine: the loop of the README. */
  private static String call(TrafficEngine engine, URI api, String key, ManualSimClock clock) throws Exception {
    RequestPlan plan = engine.plan(RequestSpec.model(MODEL, clock.now()).withDeadline(Duration.ofMinutes(3)));
    while (true) {
      switch (plan.next(clock.now())) {
        case Step.Send send -> {
          HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/chat/completions"))
              .header("Authorization", "Bearer " + key)
              .header("Content-Type", "application/json")
              .POST(BodyPublishers.ofString(chatBody(send.model(), send.avoidProviders())))
              .build(), BodyHandlers.ofByteArray());
          Attempt attempt = Attempt.of(send.model(), response.statusCode(),
              name -> response.headers().firstValue(name).orElse(null), response.body());
          switch (plan.report(attempt, clock.now())) {
            case Verdict.Done done -> {
              return "served";
            }
            case Verdict.Retry retry -> { } // next() says when, and where
            case Verdict.GiveUp giveUp -> {
              return "gave up: " + giveUp.message();
            }
          }
        }
        case Step.Wait wait -> clock.advance(Duration.between(clock.now(), wait.until()));
        case Step.Refuse refuse -> {
          return refuse.reason().name();
        }
      }
    }
  }
}

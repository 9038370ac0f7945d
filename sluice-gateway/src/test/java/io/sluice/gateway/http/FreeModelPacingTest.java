package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.outcome.Classifier;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.gateway.config.PacingConfig;
import io.sluice.gateway.config.RetryConfig;
import io.sluice.gateway.config.ServerConfig;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Free models are paced before sending: no request goes upstream only to meet the per-minute
 * limit or the daily cap. The gateway's timers and the simulator's clock move together, by hand.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FreeModelPacingTest {

  static final String KEY = "sk-or-v1-free-pacing-0000000000000000000000000000000000000000000000000";
  static final String FREE = "sim/gratis:free";

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(scenario());

  /** One account on the free tier, one free model with one provider. */
  static Scenario scenario() {
    return Scenarios.parse("""
        name: free-pacing
        seed: 5
        accounts:
          - id: acct-free
            credits: 0
            purchased: 0
            keys: [{key: %s, label: free}]
        models:
          - id: %s
            pricing: {prompt: 0, completion: 0}
            completion: {min: 5, max: 5}
            providers: [{name: Gratis}]
        """.formatted(KEY, FREE), "free-pacing");
  }

  private static TestGateway gateway(int perDay, Duration maxWait) {
    var config = TestGateway.config(SIM.simulator().apiBase(), KEY, Map.of());
    // Client connections idle for an hour before they close, so that the only timer due within a
    // minute is a request waiting for its window.
    return TestGateway.start(config.withPacing(new PacingConfig(20, perDay, Duration.ZERO, maxWait))
        .withServer(new ServerConfig("127.0.0.1", 0, null, null, Duration.ofHours(1)))
        // A request may wait until its deadline, which must lie beyond the minute it waits here.
        .withRetries(new RetryConfig(1, Duration.ofMinutes(2), null, null, null)));
  }

  private static Reply send(TestGateway gateway) {
    return gateway.http.post("/api/v1/chat/completions", CLIENT_KEY,
        "{\"model\":\"" + FREE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static void advance(TestGateway gateway, Duration step) {
    SIM.clock().advance(step);
    gateway.timers.advance(step);
  }

  private static KeyStats upstream() {
    return SIM.simulator().stats("free");
  }

  @Test
  void aRequestBeyondTheMinuteLimitWaitsForTheWindowInsteadOfFailing() throws Exception {
    try (TestGateway gateway = gateway(50, Duration.ofSeconds(60))) {
      for (int i = 0; i < 20; i++) {
        assertThat(send(gateway).status()).isEqualTo(200);
      }
      CompletableFuture<Reply> twentyFirst = CompletableFuture.supplyAsync(() -> send(gateway));
      TimeoutsAndCancellationTest.eventually(() -> gateway.timers.pendingWithin(Duration.ofMinutes(1)) == 1);
      assertThat(twentyFirst).isNotDone();
      assertThat(upstream().attempts()).isEqualTo(20);

      advance(gateway, Duration.ofSeconds(60));

      Reply reply = twentyFirst.get();
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("X-Sluice-Queued-Ms")).isEqualTo("60000");
      assertThat(upstream().attempts()).isEqualTo(21);
      assertThat(upstream().rateLimited()).isZero();
    }
  }

  @Test
  void aClientsOwnShorterDeadlineIsNotWaitedPastAndABadOneIsRefused() {
    try (TestGateway gateway = gateway(50, Duration.ofSeconds(60))) {
      for (int i = 0; i < 20; i++) {
        send(gateway);
      }
      String body = "{\"model\":\"" + FREE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

      Reply hurried = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, body,
          Map.of("X-Sluice-Deadline-Ms", "30000"));
      Reply garbled = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, body,
          Map.of("X-Sluice-Deadline-Ms", "soon"));

      assertThat(hurried.status()).as("the window reopens after the client's deadline").isEqualTo(503);
      assertThat(hurried.header("Retry-After")).isEqualTo("60");
      assertThat(garbled.status()).isEqualTo(400);
      assertThat(garbled.json().path("error").path("message").asText())
          .isEqualTo("X-Sluice-Deadline-Ms must be a whole number of milliseconds above 0, was 'soon'");
      assertThat(upstream().attempts()).isEqualTo(20);
    }
  }

  @Test
  void aWaitLongerThanAllowedIsRefusedAtOnceWithRetryAfter() {
    try (TestGateway gateway = gateway(50, Duration.ofSeconds(10))) {
      for (int i = 0; i < 20; i++) {
        send(gateway);
      }

      Reply reply = send(gateway);

      assertThat(reply.status()).isEqualTo(429);
      assertThat(reply.header("Retry-After")).isEqualTo("60");
      assertThat(reply.json().path("error").path("message").asText()).contains("per-minute limit");
      assertThat(upstream().attempts()).isEqualTo(20);
      assertThat(upstream().rateLimited()).isZero();
    }
  }

  @Test
  void onceTheDailyCapIsReachedRequestsAreRefusedUntilMidnightUtc() {
    try (TestGateway gateway = gateway(5, Duration.ofSeconds(60))) {
      for (int i = 0; i < 5; i++) {
        assertThat(send(gateway).status()).isEqualTo(200);
      }

      Reply reply = send(gateway);

      assertThat(reply.status()).isEqualTo(429);
      assertThat(reply.header("Retry-After")).isEqualTo(Long.toString(Duration.ofHours(12).toSeconds()));
      assertThat(reply.json().path("error").path("message").asText())
          .contains("daily limit").contains("2026-11-24T00:00:00Z");
      assertThat(Classifier.classify(UpstreamErrors.fromErrorResponse(429, reply::header,
          reply.body().getBytes(StandardCharsets.UTF_8)), TestGateway.NOW).type())
          .as("read as OpenRouter's own daily cap").isEqualTo(OutcomeType.FREE_DAILY_CAP);
      assertThat(upstream().attempts()).as("the cap stops attempts at exactly the cap").isEqualTo(5);

      advance(gateway, Duration.ofHours(12));
      assertThat(send(gateway).status()).isEqualTo(200);
    }
  }

  @Test
  void paidModelsAreNotHeldByTheFreeLimits() {
    try (TestGateway gateway = gateway(1, Duration.ZERO)) {
      send(gateway);
      Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY,
          "{\"model\":\"sim/gratis\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(reply.status()).as("reaches the upstream, which knows no such model").isNotEqualTo(429);
    }
  }
}

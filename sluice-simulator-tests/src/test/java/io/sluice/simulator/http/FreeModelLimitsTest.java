package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OpenRouter's account-wide free-model limits: 20 a minute, 50 or 1000 a UTC day, failures count. */
class FreeModelLimitsTest {

  private static final String SCENARIO = """
      name: limits
      accounts:
        - id: never-bought
          credits: 5
          keys:
            - {key: sk-or-v1-test-a1, label: a1}
            - {key: sk-or-v1-test-a2, label: a2}
        - id: bought
          credits: 20
          purchased: 10
          keys:
            - {key: sk-or-v1-test-b, label: b}
      models:
        - id: vendor/small:free
          providers: [{name: Chutes}]
        - id: vendor/small
          pricing: {prompt: 0.0000001, completion: 0.0000001}
          providers: [{name: DeepInfra}]
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "limits"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final String FREE = body("vendor/small:free");

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static Reply send(String key, String body) {
    return SIM.http().post(PATH, SIM.key(key), body);
  }

  private static JsonNode dailyCounter(String key) {
    return SIM.http().get("/api/v1/key", SIM.key(key)).json().get("data").get("free_model_daily_requests");
  }

  @Test
  void theTwentyFirstRequestInAMinuteIsRefusedWithOpenRoutersBodyAndHeaders() {
    Instant start = SIM.clock().now();
    for (int i = 0; i < 20; i++) {
      assertThat(send("a1", FREE).status()).isEqualTo(200);
    }

    Reply refused = send("a1", FREE);

    assertThat(refused.status()).isEqualTo(429);
    JsonNode error = refused.json().get("error");
    assertThat(error.get("code").asInt()).isEqualTo(429);
    assertThat(error.get("message").asText()).isEqualTo("Rate limit exceeded: free-models-per-min.");
    String reset = Long.toString(start.plusSeconds(60).toEpochMilli());
    assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("20");
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("X-RateLimit-Reset")).isEqualTo(reset);
    assertThat(error.get("metadata").get("headers").get("X-RateLimit-Reset").asText()).isEqualTo(reset);
    assertThat(refused.json().get("user_id").asText()).isEqualTo("user_never-bought");
  }

  @Test
  void theMinuteWindowSlides() {
    for (int i = 0; i < 20; i++) {
      send("a1", FREE);
      SIM.clock().advance(Duration.ofSeconds(2));
    }
    SIM.clock().advance(Duration.ofSeconds(19));
    assertThat(send("a1", FREE).status()).isEqualTo(429);

    SIM.clock().advance(Duration.ofSeconds(1));

    assertThat(send("a1", FREE).status()).isEqualTo(200);
  }

  @Test
  void theLimitIsPerAccountNotPerKey() {
    for (int i = 0; i < 10; i++) {
      send("a1", FREE);
      send("a2", FREE);
    }

    assertThat(send("a2", FREE).status()).isEqualTo(429);
    assertThat(send("b", FREE).status()).isEqualTo(200);
  }

  @Test
  void fiftyADayThenRefusedUntilUtcMidnightWithTheAddCreditsMessage() {
    spendDailyAllowance("a1", 50);

    Reply refused = send("a1", FREE);

    assertThat(refused.status()).isEqualTo(429);
    JsonNode error = refused.json().get("error");
    assertThat(error.get("message").asText()).isEqualTo(
        "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day");
    assertThat(error.get("metadata").get("limit_source").asText()).isEqualTo("openrouter_free_tier_daily");
    long midnight = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
    assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("50");
    assertThat(refused.header("X-RateLimit-Reset")).isEqualTo(Long.toString(midnight));

    SIM.clock().advance(Duration.between(SIM.clock().now(), Instant.ofEpochMilli(midnight)));

    assertThat(send("a1", FREE).status()).isEqualTo(200);
    assertThat(dailyCounter("a1").get("used").asInt()).isEqualTo(1);
  }

  @Test
  void accountsThatBoughtTenCreditsGetAThousandADay() {
    spendDailyAllowance("b", 1000);

    Reply refused = send("b", FREE);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("error").get("message").asText())
        .isEqualTo("Rate limit exceeded: free-models-per-day-high-balance.");
    assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("1000");
  }

  @Test
  void refusedAndFailedAttemptsCountTowardTheDay() {
    for (int i = 0; i < 25; i++) {
      send("a1", FREE);
    }
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/small:free"));
    SIM.clock().advance(Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(send("a1", FREE).status()).isEqualTo(502);
    }

    JsonNode counter = dailyCounter("a1");

    assertThat(counter.get("used").asInt()).isEqualTo(30);
    assertThat(counter.get("remaining").asInt()).isEqualTo(20);
    assertThat(counter.get("limit").asInt()).isEqualTo(50);
    assertThat(SIM.simulator().stats("a1").freePerMinute429()).isEqualTo(5);
  }

  @Test
  void paidModelsDoNotTouchTheFreeCounters() {
    for (int i = 0; i < 30; i++) {
      assertThat(send("a1", body("vendor/small")).status()).isEqualTo(200);
    }

    assertThat(dailyCounter("a1").get("used").asInt()).isZero();
  }

  @Test
  void aModelsListFallsBackFromAnExhaustedFreeModelToAPaidOne() {
    spendDailyAllowance("a1", 50);

    Reply reply = send("a1", """
        {"models":["vendor/small:free","vendor/small"],"messages":[{"role":"user","content":"hi"}],"max_tokens":8}""");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("model").asText()).isEqualTo("vendor/small");
  }

  /** Spends a whole day's allowance in 20-request minutes. */
  private static void spendDailyAllowance(String key, int requests) {
    for (int i = 0; i < requests; i++) {
      if (i > 0 && i % 20 == 0) {
        SIM.clock().advance(Duration.ofMinutes(1));
      }
      assertThat(send(key, FREE).status()).as("request %d", i).isEqualTo(200);
    }
    SIM.clock().advance(Duration.ofMinutes(1));
  }
}

package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider's own capacity (requests and tokens per minute, concurrency) and error rates: past
 * them it answers OpenRouter's upstream 429 "temporarily rate-limited upstream", which OpenRouter
 * absorbs silently when another provider can serve (shared/OPENROUTER.md §3.4, §6, §8).
 */
class ProviderCapacityTest {

  private static final String SCENARIO = """
      name: capacity
      seed: 4
      accounts:
        - id: acct
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-capacity, label: team}
      models:
        - id: vendor/rpm
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Solo
              capacity: {requests-per-minute: 3}
        - id: vendor/rpm-pair
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Primary
              capacity: {requests-per-minute: 2}
            - name: Spare
              pricing: {prompt: 0.000002, completion: 0.000002}
        - id: vendor/tpm
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Solo
              capacity: {tokens-per-minute: 40}
        - id: vendor/tpm-pair
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Primary
              capacity: {tokens-per-minute: 40}
            - name: Spare
              pricing: {prompt: 0.000002, completion: 0.000002}
        - id: vendor/concurrency
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Solo
              capacity: {concurrency: 1}
        - id: vendor/concurrency-pair
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Primary
              capacity: {concurrency: 1}
            - name: Spare
              pricing: {prompt: 0.000002, completion: 0.000002}
        - id: vendor/always-throttled
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Flaky
              error-rates: {rate-limited: 1.0}
        - id: vendor/never-throttled
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Steady
              error-rates: {rate-limited: 0.0}
        - id: vendor/throttled-pair
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Flaky
              error-rates: {rate-limited: 1.0}
            - name: Steady
              pricing: {prompt: 0.000002, completion: 0.000002}
        - id: vendor/always-down
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Down
              error-rates: {unavailable: 1.0}
        - id: vendor/always-overloaded
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Busy
              error-rates: {overloaded: 1.0}
        - id: vendor/always-timing-out
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Sluggish
              error-rates: {timeout: 1.0}
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "test"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static String ordered(String model, String first) {
    return body(model).replace("\"max_tokens\"", "\"provider\":{\"order\":[\"" + first + "\"]},\"max_tokens\"");
  }

  private static Reply send(String body) {
    return SIM.http().post(PATH, SIM.key("team"), body);
  }

  private static CompletableFuture<Reply> parked(String body) throws InterruptedException {
    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("team"), body);
    assertThat(SIM.clock().awaitSleepers(1, Duration.ofSeconds(10))).as("response parked on the clock").isTrue();
    return reply;
  }

  /** A fault added over HTTP, as a gateway's test harness would ({@code FaultSpec.of} cannot build a delay fault). */
  private static void postFault(String json) {
    Reply added = SIM.http().post("/sim/faults", null, json);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  private static void advance(Duration by) {
    SIM.clock().advance(by);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertServed(Reply reply, String model, String provider) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("model").asText()).isEqualTo(model);
    assertThat(reply.json().get("provider").asText()).isEqualTo(provider);
  }

  private static void assertUpstreamRateLimited(Reply reply, String model, String provider) {
    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Retry-After")).isNull();
    assertThat(reply.header("X-RateLimit-Limit")).isNull();
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":429,"message":"Provider returned error",
                  "metadata":{"raw":"%s is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations",
                              "provider_name":"%s","is_byok":false,"provider_error_code":"429",
                              "limit_source":"upstream_provider_shared_pool",
                              "remedy_hint":"Retry shortly, choose another provider, or add your own provider key."}},
         "user_id":"user_acct"}""".formatted(model, provider)));
  }

  // ---- requests per minute ------------------------------------------------------------------

  @Test
  void pastItsRequestsPerMinuteAProviderAnswersTheUpstream429() {
    for (int i = 0; i < 3; i++) {
      assertServed(send(body("vendor/rpm")), "vendor/rpm", "Solo");
    }

    assertUpstreamRateLimited(send(body("vendor/rpm")), "vendor/rpm", "Solo");
  }

  @Test
  void theRequestsPerMinuteWindowSlidesOverSixtySimulatedSeconds() {
    for (int i = 0; i < 3; i++) {
      assertServed(send(body("vendor/rpm")), "vendor/rpm", "Solo");
      advance(Duration.ofSeconds(20));
    }
    // Now 60 s after the first request, which leaves the window; the other two are still in it.
    assertServed(send(body("vendor/rpm")), "vendor/rpm", "Solo");
    assertUpstreamRateLimited(send(body("vendor/rpm")), "vendor/rpm", "Solo");

    advance(Duration.ofMillis(19_999));
    assertUpstreamRateLimited(send(body("vendor/rpm")), "vendor/rpm", "Solo");

    advance(Duration.ofMillis(1));
    assertServed(send(body("vendor/rpm")), "vendor/rpm", "Solo");
  }

  @Test
  void refusedRequestsDoNotTakeCapacity() {
    for (int i = 0; i < 3; i++) {
      send(body("vendor/rpm"));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(send(body("vendor/rpm")).status()).isEqualTo(429);
    }

    advance(Duration.ofSeconds(59));
    assertThat(send(body("vendor/rpm")).status()).isEqualTo(429);
    advance(Duration.ofSeconds(1));

    for (int i = 0; i < 3; i++) {
      assertServed(send(body("vendor/rpm")), "vendor/rpm", "Solo");
    }
  }

  @Test
  void withASecondProviderARequestsPerMinuteThrottleFallsBackSilently() {
    for (int i = 0; i < 2; i++) {
      assertServed(send(ordered("vendor/rpm-pair", "primary")), "vendor/rpm-pair", "Primary");
    }

    Reply reply = send(ordered("vendor/rpm-pair", "primary"));

    assertServed(reply, "vendor/rpm-pair", "Spare");
    advance(Duration.ofSeconds(60));
    assertServed(send(ordered("vendor/rpm-pair", "primary")), "vendor/rpm-pair", "Primary");
  }

  // ---- tokens per minute --------------------------------------------------------------------

  @Test
  void pastItsTokensPerMinuteAProviderAnswersTheUpstream429UntilTheWindowFrees() {
    Reply first = send(body("vendor/tpm"));
    assertServed(first, "vendor/tpm", "Solo");
    // 8 prompt tokens and 8 completion tokens: two requests fit in 40 tokens, a third does not.
    assertThat(first.json().get("usage").get("total_tokens").asInt()).isEqualTo(16);
    assertServed(send(body("vendor/tpm")), "vendor/tpm", "Solo");

    assertUpstreamRateLimited(send(body("vendor/tpm")), "vendor/tpm", "Solo");

    advance(Duration.ofMillis(59_999));
    assertUpstreamRateLimited(send(body("vendor/tpm")), "vendor/tpm", "Solo");
    advance(Duration.ofMillis(1));
    assertServed(send(body("vendor/tpm")), "vendor/tpm", "Solo");
  }

  @Test
  void withASecondProviderATokensPerMinuteThrottleFallsBackSilently() {
    assertServed(send(ordered("vendor/tpm-pair", "primary")), "vendor/tpm-pair", "Primary");
    assertServed(send(ordered("vendor/tpm-pair", "primary")), "vendor/tpm-pair", "Primary");

    assertServed(send(ordered("vendor/tpm-pair", "primary")), "vendor/tpm-pair", "Spare");
  }

  // ---- concurrency --------------------------------------------------------------------------

  @Test
  void pastItsConcurrencyAProviderAnswersTheUpstream429UntilARequestFinishes() throws InterruptedException {
    postFault("{\"type\":\"slow-first-token\",\"model\":\"vendor/concurrency\",\"delay\":\"10s\"}");
    CompletableFuture<Reply> held = parked(body("vendor/concurrency"));

    assertUpstreamRateLimited(send(body("vendor/concurrency")), "vendor/concurrency", "Solo");

    advance(Duration.ofSeconds(10));
    assertServed(held.join(), "vendor/concurrency", "Solo");
    // The client can hold the whole answer a moment before the server has finished the request
    // and given its slot back.
    StreamingTestSupport.eventually(Duration.ofSeconds(5), () -> SIM.simulator().requestsInProgress() == 0,
        "the held request is over on the server");
    SIM.simulator().clearFaults();
    assertServed(send(body("vendor/concurrency")), "vendor/concurrency", "Solo");
  }

  @Test
  void aSequentialClientAlwaysFindsTheConcurrencySlotFree() {
    for (int i = 0; i < 200; i++) {
      assertServed(send(body("vendor/concurrency")), "vendor/concurrency", "Solo");
    }
  }

  @Test
  void withASecondProviderAConcurrencyThrottleFallsBackSilently() throws InterruptedException {
    postFault("""
        {"type":"slow-first-token","model":"vendor/concurrency-pair","provider":"Primary","delay":"10s"}""");
    CompletableFuture<Reply> held = parked(ordered("vendor/concurrency-pair", "primary"));

    assertServed(send(ordered("vendor/concurrency-pair", "primary")), "vendor/concurrency-pair", "Spare");

    advance(Duration.ofSeconds(10));
    assertServed(held.join(), "vendor/concurrency-pair", "Primary");
  }

  // ---- error rates --------------------------------------------------------------------------

  @Test
  void aProviderRateLimitedAtRateOneAlwaysAnswersTheUpstream429() {
    for (int i = 0; i < 20; i++) {
      assertUpstreamRateLimited(send(body("vendor/always-throttled")), "vendor/always-throttled", "Flaky");
    }
  }

  @Test
  void aProviderRateLimitedAtRateZeroNeverDoes() {
    for (int i = 0; i < 50; i++) {
      assertServed(send(body("vendor/never-throttled")), "vendor/never-throttled", "Steady");
    }
  }

  @Test
  void aProviderThatAlwaysThrottlesIsAbsorbedByTheNextProvider() {
    for (int i = 0; i < 10; i++) {
      assertServed(send(ordered("vendor/throttled-pair", "flaky")), "vendor/throttled-pair", "Steady");
    }
  }

  @Test
  void theOtherErrorRatesGiveTheirOwnStatuses() {
    assertThat(send(body("vendor/always-down")).json()).isEqualTo(json("""
        {"error":{"code":502,"message":"Provider returned error",
                  "metadata":{"provider_name":"Down","error_type":"provider_unavailable"}},"user_id":"user_acct"}"""));
    assertThat(send(body("vendor/always-overloaded")).json()).isEqualTo(json("""
        {"error":{"code":529,"message":"Provider returned error",
                  "metadata":{"provider_name":"Busy","error_type":"provider_overloaded"}},"user_id":"user_acct"}"""));
    Reply timeout = send(body("vendor/always-timing-out"));
    assertThat(timeout.status()).isEqualTo(408);
    assertThat(timeout.json()).isEqualTo(json("""
        {"error":{"code":408,"message":"Operation timed out. Please try again later.",
                  "metadata":{"provider_name":"Sluggish","error_type":"timeout"}},"user_id":"user_acct"}"""));
  }

  // ---- stats --------------------------------------------------------------------------------

  @Test
  void simStatsCountsTheUpstream429sTheClientReceived() {
    for (int i = 0; i < 3; i++) {
      send(body("vendor/rpm"));
    }
    send(body("vendor/rpm"));
    send(body("vendor/rpm"));
    send(body("vendor/always-throttled"));
    send(ordered("vendor/throttled-pair", "flaky"));

    JsonNode team = SIM.http().get("/sim/stats", null).json().get("keys").get("team");

    assertThat(team.get("attempts").asInt()).isEqualTo(7);
    assertThat(team.get("successes").asInt()).isEqualTo(4);
    assertThat(team.get("rate_limited")).isEqualTo(json("""
        {"free_per_minute":0,"free_per_day":0,"upstream":3}"""));
    assertThat(team.get("errors")).isEmpty();
    assertThat(SIM.simulator().stats("team").upstream429()).isEqualTo(3);
  }
}

package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.RetryConfig;
import io.sluice.gateway.config.Route;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Out of credits, paid traffic stops with a clear error while free models still serve; a request
 * too long for a model's context goes to a larger one without a wasted attempt.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CreditsAndContextTest {

  private static final String KEY = "sk-or-v1-credits-context-000000000000000000000000000000000000000000000000";
  private static final String PAID = "sim/paid";
  private static final String FREE = "sim/paid:free";
  private static final String SMALL = "sim/small";
  private static final String LARGE = "sim/large";

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse("""
      name: credits-and-context
      seed: 9
      accounts:
        - id: acct-poor
          credits: 0.001
          purchased: 20
          keys: [{key: %s, label: poor}]
      models:
        - id: %s
          pricing: {prompt: 0.00001, completion: 0.00001}
          completion: {min: 5, max: 5}
          providers: [{name: Paid}]
        - id: %s
          pricing: {prompt: 0, completion: 0}
          completion: {min: 5, max: 5}
          providers: [{name: Free}]
        - id: %s
          context-length: 1000
          pricing: {prompt: 0, completion: 0}
          completion: {min: 5, max: 5}
          providers: [{name: Small}]
        - id: %s
          context-length: 100000
          pricing: {prompt: 0, completion: 0}
          completion: {min: 5, max: 5}
          providers: [{name: Large}]
      """.formatted(KEY, PAID, FREE, SMALL, LARGE), "credits-and-context"));

  private TestGateway gateway;

  @BeforeEach
  void start() throws Exception {
    var config = TestGateway.config(SIM.simulator().apiBase(), KEY, Map.of(
        "paid-first", new Route(List.of(PAID, FREE)),
        "small-first", new Route(List.of(SMALL, LARGE))));
    gateway = TestGateway.start(config.withRetries(RetryConfig.DEFAULTS));
    // The engine plans with the catalog it reads at start.
    TimeoutsAndCancellationTest.eventually(() -> gateway.http.get("/v1/models", CLIENT_KEY).status() == 200);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private Reply ask(String model, int maxTokens, String prompt) {
    return gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, """
        {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"%s"}]}"""
        .formatted(model, maxTokens, prompt));
  }

  private static KeyStats upstream() {
    return SIM.simulator().stats("poor");
  }

  @Test
  void outOfCreditsStopsPaidTrafficWithAClearErrorAfterTheFirst402() {
    Reply first = ask(PAID, 1000, "hi");
    assertThat(first.status()).isEqualTo(402);

    Reply second = ask(PAID, 1000, "hi");

    assertThat(second.status()).isEqualTo(402);
    assertThat(second.json().path("error").path("type").asText()).isEqualTo("out_of_credits");
    assertThat(second.json().path("error").path("message").asText()).isNotBlank();
    assertThat(upstream().attempts()).as("the second never reached the upstream").isEqualTo(1);
    assertThat(ask(FREE, 10, "hi").status()).as("free models still serve").isEqualTo(200);
  }

  @Test
  void outOfCreditsFallsBackToAFreeCandidateWhereTheRouteHasOne() {
    Reply reply = ask("paid-first", 1000, "hi");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(FREE);
    assertThat(reply.header("X-Sluice-Fallback-From")).isEqualTo(PAID);
  }

  @Test
  void aRequestTooLongForTheFirstModelGoesStraightToALargerOne() {
    Reply reply = ask("small-first", 500, "word ".repeat(1000));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(LARGE);
    assertThat(reply.header("X-Sluice-Attempts")).isEqualTo("1");
    assertThat(upstream().attempts()).as("no attempt wasted on the small model").isEqualTo(1);
  }
}

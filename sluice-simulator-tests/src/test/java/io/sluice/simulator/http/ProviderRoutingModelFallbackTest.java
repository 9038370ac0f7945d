package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code models} fallback list (shared/OPENROUTER.md §1.3, §6): when the primary model
 * fails, the next one serves and the response's {@code model} names it; when all fail, the last
 * error comes back.
 */
class ProviderRoutingModelFallbackTest {

  private static final String SCENARIO = """
      name: model-fallbacks
      seed: 9
      accounts:
        - id: acct
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-fallbacks, label: team}
      models:
        - id: vendor/primary
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: One
            - name: Two
        - id: vendor/backup
          pricing: {prompt: 0.000005, completion: 0.00001}
          providers:
            - name: Spare
        - id: vendor/last-resort
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Final
        - id: vendor/tiny
          context-length: 64
          max-completion-tokens: 32
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Small
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "test"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String body(String model, String models) {
    return body(model, models, 8);
  }

  private static String body(String model, String models, int maxTokens) {
    String first = model == null ? "" : "\"model\":\"" + model + "\",";
    return "{" + first + "\"models\":" + models + ",\"max_tokens\":" + maxTokens
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static Reply send(String body) {
    return SIM.http().post(PATH, SIM.key("team"), body);
  }

  private static void fault(FaultSpec fault) {
    SIM.simulator().injectFault(fault);
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

  @Test
  void aHealthyPrimaryServesAndTheFallbacksAreNotUsed() {
    Reply reply = send(body("vendor/primary", "[\"vendor/backup\"]"));

    assertThat(reply.json().get("model").asText()).isEqualTo("vendor/primary");
  }

  @Test
  void whenEveryProviderOfThePrimaryIsDownTheNextModelServesAndIsNamed() {
    fault(FaultSpec.of("outage").forModel("vendor/primary"));

    Reply reply = send(body("vendor/primary", "[\"vendor/backup\"]"));

    assertServed(reply, "vendor/backup", "Spare");
  }

  @Test
  void theServedModelIsBilledAtItsOwnPrice() {
    fault(FaultSpec.of("outage").forModel("vendor/primary"));

    Reply reply = send(body("vendor/primary", "[\"vendor/backup\"]"));

    JsonNode usage = reply.json().get("usage");
    double expected = usage.get("prompt_tokens").asInt() * 0.000005 + usage.get("completion_tokens").asInt() * 0.00001;
    assertThat(usage.get("cost").asDouble()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aStreamedFallbackNamesTheServedModelInItsChunks() {
    fault(FaultSpec.of("outage").forModel("vendor/primary"));

    Reply reply = send(body("vendor/primary", "[\"vendor/backup\"]").replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));

    assertThat(reply.status()).isEqualTo(200);
    List<SseEvent> chunks = reply.events().stream().filter(e -> !e.comment() && !e.done()).toList();
    assertThat(chunks).isNotEmpty().allSatisfy(chunk -> {
      assertThat(chunk.json().get("model").asText()).isEqualTo("vendor/backup");
      assertThat(chunk.json().get("provider").asText()).isEqualTo("Spare");
    });
  }

  @Test
  void aPromptTooLongForThePrimaryFallsBackToAModelWithRoom() {
    Reply reply = send(body("vendor/tiny", "[\"vendor/backup\"]", 100));

    assertServed(reply, "vendor/backup", "Spare");
  }

  @Test
  void anUpstreamRateLimitOnThePrimaryFallsBackToo() {
    fault(FaultSpec.of("rate-limit").forModel("vendor/primary"));

    Reply reply = send(body("vendor/primary", "[\"vendor/backup\"]"));

    assertServed(reply, "vendor/backup", "Spare");
  }

  @Test
  void theListIsTriedInOrderSkippingEveryModelThatFails() {
    fault(FaultSpec.of("outage").forModel("vendor/primary"));
    fault(FaultSpec.of("outage").forModel("vendor/backup"));

    Reply reply = send(body("vendor/primary", "[\"vendor/backup\",\"vendor/last-resort\"]"));

    assertServed(reply, "vendor/last-resort", "Final");
  }

  @Test
  void withoutAModelTheFirstOfTheListIsThePrimary() {
    assertServed(send(body(null, "[\"vendor/backup\",\"vendor/primary\"]")), "vendor/backup", "Spare");

    fault(FaultSpec.of("outage").forModel("vendor/backup"));

    assertThat(send(body(null, "[\"vendor/backup\",\"vendor/primary\"]")).json().get("model").asText())
        .isEqualTo("vendor/primary");
  }

  @Test
  void whenEveryModelFailsTheLastModelsErrorComesBack() {
    fault(FaultSpec.of("outage").forModel("vendor/primary"));
    fault(FaultSpec.of("rate-limit").forModel("vendor/backup"));

    Reply reply = send(body("vendor/primary", "[\"vendor/backup\"]"));

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":429,"message":"Provider returned error",
                  "metadata":{"raw":"vendor/backup is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations",
                              "provider_name":"Spare","is_byok":false,"provider_error_code":"429",
                              "limit_source":"upstream_provider_shared_pool",
                              "remedy_hint":"Retry shortly, choose another provider, or add your own provider key."}},
         "user_id":"user_acct"}"""));
  }

  @Test
  void whenEveryModelFailsOnContextTheLastModelsContextErrorComesBack() {
    fault(FaultSpec.of("outage").forModel("vendor/backup"));

    Reply reply = send(body("vendor/backup", "[\"vendor/tiny\"]", 100));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").get("message").asText()).startsWith(
        "This endpoint's maximum context length is 64 tokens. However, you requested about 108 tokens "
            + "(8 of text input, 100 in the output).");
    assertThat(reply.json().get("error").get("metadata").get("provider_name").asText()).isEqualTo("Small");
  }

  @Test
  void moreThanThreeModelsIs400() {
    Reply reply = send(body(null,
        "[\"vendor/primary\",\"vendor/backup\",\"vendor/last-resort\",\"vendor/tiny\"]"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":400,"message":"'models' array must have 3 items or fewer."},"user_id":"user_acct"}"""));
  }
}

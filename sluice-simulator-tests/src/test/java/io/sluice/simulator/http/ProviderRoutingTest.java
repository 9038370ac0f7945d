package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request's {@code provider} preferences (shared/OPENROUTER.md §1.3, §6): order, only,
 * ignore, sort, allow_fallbacks, max_price, require_parameters, tools as a hard filter and
 * response_format as a soft preference.
 */
class ProviderRoutingTest {

  private static final String SCENARIO = """
      name: routing
      seed: 3
      accounts:
        - id: acct
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-routing, label: team}
      models:
        - id: vendor/trio
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Alpha
            - name: Beta Cloud
              pricing: {prompt: 0.000002, completion: 0.000002}
            - name: Gamma
              pricing: {prompt: 0.000003, completion: 0.000003}
        - id: vendor/regional
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Other
            - name: Google Vertex/Europe
              pricing: {prompt: 0.000002, completion: 0.000002}
            - name: Google Vertex/US
              pricing: {prompt: 0.000003, completion: 0.000003}
        - id: vendor/timed
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Steady
              latency: {first-token: 2s, tokens-per-second: 20}
            - name: Sprinter
              pricing: {prompt: 0.000002, completion: 0.000002}
              latency: {first-token: 1s, tokens-per-second: 300}
            - name: Snappy
              pricing: {prompt: 0.000003, completion: 0.000003}
              latency: {first-token: 100ms, tokens-per-second: 50}
        - id: vendor/split
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Lean
              supports: [max_tokens, temperature]
            - name: Full
              pricing: {prompt: 0.000004, completion: 0.000004}
        - id: vendor/mixed-speed
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Sprinter
              latency: {first-token: 1s, tokens-per-second: 300}
            - name: Instant
              pricing: {prompt: 0.000002, completion: 0.000002}
        - id: vendor/no-tools
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Plain One
              supports: [max_tokens, temperature]
            - name: Plain Two
              supports: [max_tokens, temperature, response_format]
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "test"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String body(String model, String provider) {
    return body(model, provider, "");
  }

  private static String body(String model, String provider, String extra) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":8," + extra
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"provider\":" + provider + "}";
  }

  private static Reply send(String body) {
    return SIM.http().post(PATH, SIM.key("team"), body);
  }

  /** For providers with latency: the answer is parked on the manual clock until time moves. */
  private static Reply sendAndRelease(String body) throws InterruptedException {
    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("team"), body);
    assertThat(SIM.clock().awaitSleepers(1, Duration.ofSeconds(10))).as("response parked on the clock").isTrue();
    SIM.clock().advance(Duration.ofMinutes(1));
    return reply.join();
  }

  private static void outage(String model, String provider) {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel(model).forProvider(provider));
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

  // ---- order ------------------------------------------------------------------------------

  @Test
  void orderPutsTheListedProviderFirstEvenWhenItIsTheDearest() {
    for (int i = 0; i < 10; i++) {
      assertServed(send(body("vendor/trio", "{\"order\":[\"gamma\",\"beta-cloud\"]}")), "vendor/trio", "Gamma");
    }
  }

  @Test
  void orderIsTriedInTheListedSequenceBeforeAnyOtherProvider() {
    outage("vendor/trio", "Gamma");

    Reply reply = send(body("vendor/trio", "{\"order\":[\"gamma\",\"beta-cloud\"]}"));

    assertServed(reply, "vendor/trio", "Beta Cloud");
  }

  @Test
  void whenEveryOrderedProviderFailsTheRestServeCheapestFirst() {
    outage("vendor/trio", "Gamma");
    outage("vendor/trio", "Beta Cloud");

    Reply reply = send(body("vendor/trio", "{\"order\":[\"gamma\",\"beta-cloud\"]}"));

    assertServed(reply, "vendor/trio", "Alpha");
  }

  @Test
  void orderMatchesADisplayNameCaseInsensitively() {
    assertServed(send(body("vendor/trio", "{\"order\":[\"BETA CLOUD\"]}")), "vendor/trio", "Beta Cloud");
  }

  @Test
  void aBaseSlugInOrderMatchesEveryEndpointOfThatProviderAndAFullSlugOnlyOne() {
    assertServed(send(body("vendor/regional", "{\"order\":[\"google-vertex/us\"]}")),
        "vendor/regional", "Google Vertex/US");
    assertServed(send(body("vendor/regional", "{\"order\":[\"google-vertex\"]}")),
        "vendor/regional", "Google Vertex/Europe");

    outage("vendor/regional", "Google Vertex/Europe");

    assertServed(send(body("vendor/regional", "{\"order\":[\"google-vertex\"]}")),
        "vendor/regional", "Google Vertex/US");
  }

  // ---- allow_fallbacks ----------------------------------------------------------------------

  @Test
  void withoutFallbacksOnlyTheOrderedProvidersAreTriedAndTheLastUpstreamErrorComesBack() {
    outage("vendor/trio", "Gamma");
    SIM.simulator().injectFault(FaultSpec.of("error").forModel("vendor/trio").forProvider("Beta Cloud")
        .withStatus(529, null));

    Reply reply = send(body("vendor/trio", "{\"order\":[\"gamma\",\"beta-cloud\"],\"allow_fallbacks\":false}"));

    assertThat(reply.status()).isEqualTo(529);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":529,"message":"Provider returned error",
                  "metadata":{"provider_name":"Beta Cloud","error_type":"provider_overloaded"}},
         "user_id":"user_acct"}"""));
  }

  @Test
  void withoutFallbacksAHealthyOrderedProviderStillServes() {
    outage("vendor/trio", "Alpha");

    Reply reply = send(body("vendor/trio", "{\"order\":[\"gamma\"],\"allow_fallbacks\":false}"));

    assertServed(reply, "vendor/trio", "Gamma");
  }

  @Test
  void withoutFallbacksOnlyThePrimaryIsTriedAndItsErrorComesBack() {
    outage("vendor/trio", "Alpha");

    Reply reply = send(body("vendor/trio", "{\"sort\":\"price\",\"allow_fallbacks\":false}"));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":502,"message":"Provider returned error",
                  "metadata":{"provider_name":"Alpha","error_type":"provider_unavailable"}},
         "user_id":"user_acct"}"""));
  }

  @Test
  void withoutFallbacksAnOrderThatMatchesNoProviderIsRefusedNotServedElsewhere() {
    Reply reply = send(body("vendor/trio", "{\"order\":[\"nobody\"],\"allow_fallbacks\":false}"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("error").get("message").asText())
        .endsWith("but your request's provider.order preference permits only: nobody.");
  }

  @Test
  void withFallbacksAllowedTheSameFailureIsAbsorbedByTheNextProvider() {
    outage("vendor/trio", "Alpha");

    Reply reply = send(body("vendor/trio", "{\"sort\":\"price\",\"allow_fallbacks\":true}"));

    assertServed(reply, "vendor/trio", "Beta Cloud");
  }

  // ---- only / ignore ------------------------------------------------------------------------

  @Test
  void onlyRestrictsRoutingToTheAllowList() {
    for (int i = 0; i < 10; i++) {
      assertServed(send(body("vendor/trio", "{\"only\":[\"gamma\"]}")), "vendor/trio", "Gamma");
    }
  }

  @Test
  void onlyNeverFallsBackOutsideTheAllowList() {
    outage("vendor/trio", "Gamma");

    Reply reply = send(body("vendor/trio", "{\"only\":[\"gamma\"]}"));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().get("error").get("metadata").get("provider_name").asText()).isEqualTo("Gamma");
  }

  @Test
  void onlyWithSeveralProvidersFallsBackWithinTheAllowList() {
    outage("vendor/trio", "Alpha");

    Reply reply = send(body("vendor/trio", "{\"only\":[\"alpha\",\"gamma\"],\"sort\":\"price\"}"));

    assertServed(reply, "vendor/trio", "Gamma");
  }

  @Test
  void onlyThatLeavesNoProviderIs404NamingTheProvidersThatServeTheModel() {
    Reply reply = send(body("vendor/trio", "{\"only\":[\"Cerebras\"]}"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":404,
                  "message":"No allowed providers are available for the selected model. Providers serving vendor/trio: alpha, beta-cloud, gamma, but your request's provider.only preference permits only: cerebras.",
                  "metadata":{"available_providers":["alpha","beta-cloud","gamma"],"requested_providers":["cerebras"]}},
         "user_id":"user_acct"}"""));
  }

  @Test
  void ignoreSkipsTheListedProviders() {
    Reply reply = send(body("vendor/trio", "{\"ignore\":[\"alpha\"],\"sort\":\"price\"}"));

    assertServed(reply, "vendor/trio", "Beta Cloud");
    for (int i = 0; i < 10; i++) {
      assertServed(send(body("vendor/trio", "{\"ignore\":[\"alpha\",\"Beta Cloud\"]}")), "vendor/trio", "Gamma");
    }
  }

  @Test
  void anIgnoredProviderIsNotUsedEvenAsAFallback() {
    outage("vendor/trio", "Gamma");

    Reply reply = send(body("vendor/trio", "{\"ignore\":[\"alpha\",\"beta-cloud\"]}"));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().get("error").get("metadata").get("provider_name").asText()).isEqualTo("Gamma");
  }

  // ---- sort ---------------------------------------------------------------------------------

  @Test
  void sortByPriceServesTheCheapestEveryTime() {
    for (int i = 0; i < 10; i++) {
      assertServed(send(body("vendor/trio", "{\"sort\":\"price\"}")), "vendor/trio", "Alpha");
    }
  }

  @Test
  void sortByThroughputServesTheProviderWithTheMostTokensPerSecond() throws InterruptedException {
    assertServed(sendAndRelease(body("vendor/timed", "{\"sort\":\"throughput\"}")), "vendor/timed", "Sprinter");
    assertServed(sendAndRelease(body("vendor/timed", "{\"sort\":{\"by\":\"throughput\"}}")), "vendor/timed",
        "Sprinter");
  }

  @Test
  void sortByLatencyServesTheProviderWithTheQuickestFirstToken() throws InterruptedException {
    assertServed(sendAndRelease(body("vendor/timed", "{\"sort\":\"latency\"}")), "vendor/timed", "Snappy");
  }

  @Test
  void sortByThroughputRanksAProviderThatAnswersAllAtOnceFirst() {
    // tokens-per-second 0 means the whole completion at once (Latency's javadoc): the fastest.
    assertServed(send(body("vendor/mixed-speed", "{\"sort\":\"throughput\"}")), "vendor/mixed-speed", "Instant");
  }

  @Test
  void aSortedRouteFallsBackInSortedOrder() throws InterruptedException {
    outage("vendor/timed", "Sprinter");

    Reply reply = sendAndRelease(body("vendor/timed", "{\"sort\":\"throughput\"}"));

    assertServed(reply, "vendor/timed", "Snappy");
  }

  @Test
  void anUnknownSortIs400() {
    Reply reply = send(body("vendor/trio", "{\"sort\":\"vibes\"}"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").get("message").asText())
        .isEqualTo("Invalid request: 'provider.sort' must be one of price, throughput, latency");
  }

  // ---- max_price ----------------------------------------------------------------------------

  @Test
  void maxPriceIsInDollarsPerMillionTokensAndIncludesItsBoundary() {
    Reply reply = send(body("vendor/trio",
        "{\"order\":[\"gamma\",\"beta-cloud\",\"alpha\"],\"max_price\":{\"prompt\":2,\"completion\":2}}"));

    assertServed(reply, "vendor/trio", "Beta Cloud");
  }

  @Test
  void maxPriceFiltersOnCompletionPriceToo() {
    for (int i = 0; i < 10; i++) {
      assertServed(send(body("vendor/trio", "{\"max_price\":{\"completion\":\"1.5\"}}")), "vendor/trio", "Alpha");
    }
  }

  @Test
  void maxPriceBelowEveryProviderIs404() {
    Reply reply = send(body("vendor/trio", "{\"max_price\":{\"prompt\":0.5}}"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":404,"message":"No endpoints found matching your max_price constraint."},
         "user_id":"user_acct"}"""));
  }

  // ---- require_parameters and tools ---------------------------------------------------------

  @Test
  void requireParametersRoutesOnlyToProvidersSupportingEveryParameterSent() {
    for (int i = 0; i < 10; i++) {
      Reply reply = send(body("vendor/split", "{\"order\":[\"lean\"],\"require_parameters\":true}",
          "\"response_format\":{\"type\":\"json_object\"},"));
      assertServed(reply, "vendor/split", "Full");
    }
  }

  @Test
  void withoutRequireParametersAnUnsupportedParameterDoesNotExcludeAProvider() {
    Reply reply = send(body("vendor/split", "{\"order\":[\"lean\"]}", "\"top_p\":0.5,"));

    assertServed(reply, "vendor/split", "Lean");
  }

  @Test
  void requireParametersThatNoProviderSupportsIs404() {
    Reply reply = send(body("vendor/split", "{\"require_parameters\":true}", "\"top_k\":40,"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":404,"message":"No endpoints found that can handle the requested parameters."},
         "user_id":"user_acct"}"""));
  }

  @Test
  void responseFormatIsASoftPreferenceForCapableProvidersUnderLoadBalancing() {
    for (int i = 0; i < 20; i++) {
      Reply reply = send(body("vendor/split", "{}", "\"response_format\":{\"type\":\"json_object\"},"));
      assertServed(reply, "vendor/split", "Full");
    }
  }

  @Test
  void responseFormatWithoutRequireParametersStillFallsBackToAProviderLackingIt() {
    outage("vendor/split", "Full");

    Reply reply = send(body("vendor/split", "{}", "\"response_format\":{\"type\":\"json_object\"},"));

    assertServed(reply, "vendor/split", "Lean");
  }

  @Test
  void toolsAreRoutedOnlyToToolCapableProviders() {
    for (int i = 0; i < 10; i++) {
      Reply reply = send(body("vendor/split", "{\"order\":[\"lean\"]}", tools()));
      assertServed(reply, "vendor/split", "Full");
    }
  }

  @Test
  void toolsOnAModelWhoseProvidersLackThemIs404() {
    Reply reply = send(body("vendor/no-tools", "{}", tools()));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json()).isEqualTo(json("""
        {"error":{"code":404,"message":"No endpoints found that support tool use"},"user_id":"user_acct"}"""));
  }

  private static String tools() {
    return """
        "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],""";
  }
}

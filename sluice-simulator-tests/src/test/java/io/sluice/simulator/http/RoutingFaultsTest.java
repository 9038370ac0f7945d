package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routing faults (outage, rate-limit, error): what each sends on the wire, status, body and
 * headers as OpenRouter does (shared/OPENROUTER.md §3), and their control over {@code /sim/faults}.
 */
class RoutingFaultsTest {

  private static final String SCENARIO = """
      name: routing-faults
      seed: 8
      accounts:
        - id: acct
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-faults, label: team}
      models:
        - id: vendor/solo
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Solo
        - id: vendor/duo
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: First
            - name: Second Site
              pricing: {prompt: 0.000002, completion: 0.000002}
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "test"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "vendor/solo is temporarily rate-limited upstream. Please retry shortly, or add "
      + "your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations";

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static Reply send(String body) {
    return SIM.http().post(PATH, SIM.key("team"), body);
  }

  private static Reply sendSolo() {
    return send(body("vendor/solo"));
  }

  private static void fault(FaultSpec fault) {
    SIM.simulator().injectFault(fault);
  }

  private static FaultSpec onSolo(String type) {
    return FaultSpec.of(type).forModel("vendor/solo");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(Reply reply, int status, String errorJson) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json()).isEqualTo(json("{\"error\":" + errorJson + ",\"user_id\":\"user_acct\"}"));
  }

  // ---- outage -------------------------------------------------------------------------------

  @Test
  void anOutageIsA502ProviderReturnedError() {
    fault(onSolo("outage"));

    Reply reply = sendSolo();

    assertError(reply, 502, """
        {"code":502,"message":"Provider returned error",
         "metadata":{"provider_name":"Solo","error_type":"provider_unavailable"}}""");
    assertThat(reply.header("Retry-After")).isNull();
  }

  @Test
  void anOutageWithStatus503IsServiceTemporarilyUnavailable() {
    fault(onSolo("outage").withStatus(503, null));

    assertError(sendSolo(), 503, """
        {"code":503,"message":"Service temporarily unavailable",
         "metadata":{"provider_name":"Solo","error_type":"provider_overloaded"}}""");
  }

  @Test
  void anOutageCarriesItsOwnMessage() {
    fault(onSolo("outage").withStatus(502, "Upstream connection refused"));

    assertError(sendSolo(), 502, """
        {"code":502,"message":"Upstream connection refused",
         "metadata":{"provider_name":"Solo","error_type":"provider_unavailable"}}""");
  }

  @Test
  void anOutageOnAStreamingRequestIsAnHttpErrorBeforeAnyEvent() {
    fault(onSolo("outage"));

    Reply reply = send(body("vendor/solo").replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));

    assertError(reply, 502, """
        {"code":502,"message":"Provider returned error",
         "metadata":{"provider_name":"Solo","error_type":"provider_unavailable"}}""");
  }

  @Test
  void anOutageOfOneProviderIsAbsorbedByTheOther() {
    fault(FaultSpec.of("outage").forModel("vendor/duo").forProvider("First"));

    for (int i = 0; i < 10; i++) {
      Reply reply = send(body("vendor/duo"));
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().get("provider").asText()).isEqualTo("Second Site");
    }
  }

  // ---- rate-limit ---------------------------------------------------------------------------

  @Test
  void aRateLimitIsTheUpstream429WithTheTextInMetadataRaw() {
    fault(onSolo("rate-limit"));

    Reply reply = sendSolo();

    assertError(reply, 429, """
        {"code":429,"message":"Provider returned error",
         "metadata":{"raw":"%s","provider_name":"Solo","is_byok":false,"provider_error_code":"429",
                     "limit_source":"upstream_provider_shared_pool",
                     "remedy_hint":"Retry shortly, choose another provider, or add your own provider key."}}"""
        .formatted(RAW));
    assertThat(reply.header("Retry-After")).isNull();
  }

  @Test
  void aRetryAfterIsSentInWholeSecondsRoundedUpAndMirroredInMetadata() {
    fault(onSolo("rate-limit").withRetryAfter(Duration.ofMillis(16_007)));

    Reply reply = sendSolo();

    assertThat(reply.header("Retry-After")).isEqualTo("17");
    assertError(reply, 429, """
        {"code":429,"message":"Provider returned error",
         "metadata":{"raw":"%s","provider_name":"Solo","is_byok":false,"provider_error_code":"429",
                     "limit_source":"upstream_provider_shared_pool",
                     "remedy_hint":"Retry shortly, choose another provider, or add your own provider key.",
                     "retry_after_seconds":17,"headers":{"Retry-After":"17"}}}""".formatted(RAW));
  }

  @Test
  void aWholeRetryAfterIsNotRoundedAndASubSecondOneIsOneSecond() {
    fault(onSolo("rate-limit").withRetryAfter(Duration.ofSeconds(30)));
    assertThat(sendSolo().header("Retry-After")).isEqualTo("30");

    SIM.simulator().clearFaults();
    fault(onSolo("rate-limit").withRetryAfter(Duration.ofMillis(200)));
    Reply reply = sendSolo();

    assertThat(reply.header("Retry-After")).isEqualTo("1");
    assertThat(reply.json().get("error").get("metadata").get("retry_after_seconds").asInt()).isEqualTo(1);
  }

  @Test
  void theMessageFormPutsTheTextInTheMessage() {
    fault(onSolo("rate-limit").withForm("message"));

    assertError(sendSolo(), 429, """
        {"code":429,"message":"vendor/solo is temporarily rate-limited upstream.",
         "metadata":{"error_type":"rate_limit_exceeded","provider_name":"Solo"}}""");
  }

  @Test
  void theDocsFormIsTheDocumentedTypedError() {
    fault(onSolo("rate-limit").withForm("docs"));

    assertError(sendSolo(), 429, """
        {"code":429,"message":"Rate limit exceeded",
         "metadata":{"error_type":"rate_limit_exceeded","provider_code":"rate_limited"}}""");
  }

  @Test
  void everyFormCarriesTheRetryAfter() {
    fault(onSolo("rate-limit").withForm("docs").withRetryAfter(Duration.ofSeconds(40)));

    Reply reply = sendSolo();

    assertThat(reply.header("Retry-After")).isEqualTo("40");
    assertError(reply, 429, """
        {"code":429,"message":"Rate limit exceeded",
         "metadata":{"error_type":"rate_limit_exceeded","provider_code":"rate_limited",
                     "retry_after_seconds":40,"headers":{"Retry-After":"40"}}}""");
  }

  @Test
  void rateLimitFaultsOfEveryFormCountAsUpstream429s() {
    fault(onSolo("rate-limit").withForm("message"));
    sendSolo();
    SIM.simulator().clearFaults();
    fault(onSolo("rate-limit").withForm("docs"));
    sendSolo();
    SIM.simulator().clearFaults();
    fault(onSolo("rate-limit"));
    sendSolo();

    JsonNode team = SIM.http().get("/sim/stats", null).json().get("keys").get("team");

    assertThat(team.get("rate_limited").get("upstream").asInt()).isEqualTo(3);
    assertThat(team.get("errors")).isEmpty();
  }

  // ---- error --------------------------------------------------------------------------------

  @Test
  void anErrorWithoutAStatusIsA502() {
    fault(onSolo("error"));

    assertError(sendSolo(), 502, """
        {"code":502,"message":"Provider returned error",
         "metadata":{"provider_name":"Solo","error_type":"provider_unavailable"}}""");
  }

  @Test
  void anErrorWith408IsARequestTimeout() {
    fault(onSolo("error").withStatus(408, null));

    assertError(sendSolo(), 408, """
        {"code":408,"message":"Operation timed out. Please try again later.",
         "metadata":{"provider_name":"Solo","error_type":"timeout"}}""");
  }

  @Test
  void anErrorWith524IsAnEdgeTimeout() {
    fault(onSolo("error").withStatus(524, null));

    assertError(sendSolo(), 524, """
        {"code":524,"message":"Request timed out. Please try again later.",
         "metadata":{"provider_name":"Solo","error_type":"timeout"}}""");
  }

  @Test
  void anErrorWith529IsProviderOverloaded() {
    fault(onSolo("error").withStatus(529, null));

    assertError(sendSolo(), 529, """
        {"code":529,"message":"Provider returned error",
         "metadata":{"provider_name":"Solo","error_type":"provider_overloaded"}}""");
  }

  @Test
  void anErrorWith500IsMaskedWithoutTheProvider() {
    fault(onSolo("error").withStatus(500, null));

    assertError(sendSolo(), 500, """
        {"code":500,"message":"Internal Server Error","metadata":{"error_type":"server"}}""");
  }

  @Test
  void anErrorCarriesItsOwnMessage() {
    fault(onSolo("error").withStatus(529, "Overloaded: try again in a moment"));

    assertError(sendSolo(), 529, """
        {"code":529,"message":"Overloaded: try again in a moment",
         "metadata":{"provider_name":"Solo","error_type":"provider_overloaded"}}""");
  }

  @Test
  void otherErrorsAreCountedByStatusInSimStats() {
    fault(onSolo("error").withStatus(524, null));
    sendSolo();
    sendSolo();

    JsonNode team = SIM.http().get("/sim/stats", null).json().get("keys").get("team");

    assertThat(team.get("errors")).isEqualTo(json("{\"524\":2}"));
    assertThat(team.get("rate_limited").get("upstream").asInt()).isZero();
  }

  @Test
  void theFirstMatchingRoutingFaultDecidesTheError() {
    fault(onSolo("rate-limit"));
    fault(onSolo("outage"));

    assertThat(sendSolo().status()).isEqualTo(429);
  }

  // ---- /sim/faults --------------------------------------------------------------------------

  @Test
  void aFaultPostedToSimFaultsTakesEffectIsListedAndIsCleared() {
    Reply added = SIM.http().post("/sim/faults", null, """
        {"type":"error","model":"vendor/solo","provider":"solo","status":524,"key":"team"}""");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json()).isEqualTo(json("{\"added\":\"error\"}"));
    assertThat(sendSolo().status()).isEqualTo(524);
    assertThat(SIM.http().get("/sim/faults", null).json()).isEqualTo(json("""
        {"faults":[{"type":"error","model":"vendor/solo","provider":"solo","stream":null,"from":"PT0S",
                    "probability":1.0,"until":null,"key":"(set)"}]}"""));

    Reply cleared = SIM.http().send(SIM.http().builder("/sim/faults", null, Map.of()).DELETE().build());

    assertThat(cleared.status()).isEqualTo(200);
    assertThat(SIM.http().get("/sim/faults", null).json().get("faults")).isEmpty();
    assertThat(sendSolo().status()).isEqualTo(200);
  }

  @Test
  void aFaultMayBePostedAsYaml() {
    Reply added = SIM.http().post("/sim/faults", null, """
        type: rate-limit
        model: vendor/solo
        retry-after: 5s
        form: message
        """);

    assertThat(added.status()).isEqualTo(201);
    Reply reply = sendSolo();
    assertThat(reply.header("Retry-After")).isEqualTo("5");
    assertThat(reply.json().get("error").get("message").asText())
        .isEqualTo("vendor/solo is temporarily rate-limited upstream.");
  }

  @Test
  void anInvalidFaultIs400AndChangesNothing() {
    Reply refused = SIM.http().post("/sim/faults", null, "{\"type\":\"rate-limit\",\"form\":\"shouting\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").get("message").asText())
        .contains("faults[rate-limit].form must be one of", "was 'shouting'");
    assertThat(SIM.http().get("/sim/faults", null).json().get("faults")).isEmpty();
    assertThat(sendSolo().status()).isEqualTo(200);
  }

  @Test
  void anyOtherMethodOnSimFaultsIs405() {
    Reply refused = SIM.http().send(SIM.http().builder("/sim/faults", null, Map.of())
        .method("PUT", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(refused.status()).isEqualTo(405);
    assertThat(refused.header("Allow")).isEqualTo("GET, POST, DELETE");
  }
}

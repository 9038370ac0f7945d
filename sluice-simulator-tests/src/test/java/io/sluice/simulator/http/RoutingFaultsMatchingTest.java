package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which requests a routing fault strikes: its window (relative to the simulator's start or last
 * reset), probability (drawn from the scenario's seed), key, streaming, model and provider.
 */
class RoutingFaultsMatchingTest {

  private static final String SCENARIO = """
      name: fault-matching
      seed: 8
      accounts:
        - id: acct
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-matching-team, label: team}
            - {key: sk-or-v1-test-matching-other, label: other}
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
        - id: vendor/windowed
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Solo
      faults:
        - type: outage
          model: vendor/windowed
          from: 10s
          until: 20s
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "test"));

  private static final String PATH = "/api/v1/chat/completions";

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static String streaming(String model) {
    return body(model).replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"");
  }

  private static int status(String key, String body) {
    return SIM.http().post(PATH, SIM.key(key), body).status();
  }

  private static int solo() {
    return status("team", body("vendor/solo"));
  }

  private static int windowed() {
    return status("team", body("vendor/windowed"));
  }

  private static void advance(Duration by) {
    SIM.clock().advance(by);
  }

  private static void postFault(String json) {
    Reply added = SIM.http().post("/sim/faults", null, json);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  // ---- windows ------------------------------------------------------------------------------

  @Test
  void aFaultStrikesOnlyInsideItsWindowWhoseEndIsExclusive() {
    assertThat(windowed()).isEqualTo(200);
    advance(Duration.ofMillis(9_999));
    assertThat(windowed()).isEqualTo(200);

    advance(Duration.ofMillis(1));
    assertThat(windowed()).isEqualTo(502);
    advance(Duration.ofMillis(9_999));
    assertThat(windowed()).isEqualTo(502);

    advance(Duration.ofMillis(1));
    assertThat(windowed()).isEqualTo(200);
  }

  @Test
  void windowsCountFromTheLastReset() {
    advance(Duration.ofSeconds(15));
    assertThat(windowed()).isEqualTo(502);

    assertThat(SIM.http().post("/sim/reset", null, "").status()).isEqualTo(200);

    assertThat(windowed()).isEqualTo(200);
    advance(Duration.ofSeconds(10));
    assertThat(windowed()).isEqualTo(502);
  }

  @Test
  void anInjectedFaultsWindowAlsoCountsFromTheStartNotFromItsInjection() {
    advance(Duration.ofSeconds(7));

    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/solo")
        .during(Duration.ofSeconds(5), Duration.ofSeconds(10)));

    assertThat(solo()).isEqualTo(502);
    advance(Duration.ofSeconds(3));
    assertThat(solo()).isEqualTo(200);
  }

  @Test
  void aResetDropsInjectedFaultsAndKeepsTheScenarios() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/solo"));
    assertThat(solo()).isEqualTo(502);

    SIM.simulator().reset();

    assertThat(solo()).isEqualTo(200);
    advance(Duration.ofSeconds(10));
    assertThat(windowed()).isEqualTo(502);
  }

  // ---- probability --------------------------------------------------------------------------

  @Test
  void probabilityZeroNeverStrikes() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/solo").withProbability(0));

    for (int i = 0; i < 100; i++) {
      assertThat(solo()).isEqualTo(200);
    }
  }

  @Test
  void probabilityOneAlwaysStrikes() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/solo").withProbability(1));

    for (int i = 0; i < 100; i++) {
      assertThat(solo()).isEqualTo(502);
    }
  }

  @Test
  void probabilityOneHalfStrikesAboutHalfTheRequestsAndRepeatsWithTheSeed() {
    List<Integer> first = halfTheTime(200);
    long struck = first.stream().filter(s -> s == 502).count();

    assertThat(first).containsOnly(200, 502);
    assertThat(struck).isBetween(70L, 130L);

    SIM.simulator().reset();

    assertThat(halfTheTime(200)).isEqualTo(first);
  }

  private static List<Integer> halfTheTime(int requests) {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/solo").withProbability(0.5));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      statuses.add(solo());
    }
    return statuses;
  }

  // ---- key, stream, model, provider ---------------------------------------------------------

  @Test
  void aFaultForAKeyLabelStrikesOnlyThatKey() {
    postFault("{\"type\":\"outage\",\"key\":\"other\"}");

    assertThat(status("team", body("vendor/solo"))).isEqualTo(200);
    assertThat(status("other", body("vendor/solo"))).isEqualTo(502);
  }

  @Test
  void aFaultForAKeyMayNameTheKeyItself() {
    postFault("{\"type\":\"outage\",\"key\":\"sk-or-v1-test-matching-team\"}");

    assertThat(status("team", body("vendor/solo"))).isEqualTo(502);
    assertThat(status("other", body("vendor/solo"))).isEqualTo(200);
  }

  @Test
  void aStreamingFaultStrikesOnlyStreamingRequests() {
    postFault("{\"type\":\"outage\",\"model\":\"vendor/solo\",\"stream\":true}");

    assertThat(status("team", body("vendor/solo"))).isEqualTo(200);
    assertThat(status("team", streaming("vendor/solo"))).isEqualTo(502);
  }

  @Test
  void aNonStreamingFaultStrikesOnlyNonStreamingRequests() {
    postFault("{\"type\":\"outage\",\"model\":\"vendor/solo\",\"stream\":false}");

    assertThat(status("team", body("vendor/solo"))).isEqualTo(502);
    Reply streamed = SIM.http().post(PATH, SIM.key("team"), streaming("vendor/solo"));
    assertThat(streamed.status()).isEqualTo(200);
    assertThat(streamed.header("Content-Type")).startsWith("text/event-stream");
  }

  @Test
  void aFaultForAModelLeavesOtherModelsAlone() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/solo"));

    assertThat(solo()).isEqualTo(502);
    assertThat(status("team", body("vendor/duo"))).isEqualTo(200);
  }

  @Test
  void aFaultForAProviderMatchesItsNameInAnyCaseOrItsSlug() {
    for (String name : List.of("Second Site", "second site", "second-site")) {
      SIM.simulator().clearFaults();
      SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/duo").forProvider("First"));
      SIM.simulator().injectFault(FaultSpec.of("error").forModel("vendor/duo").forProvider(name).withStatus(529, null));

      Reply reply = SIM.http().post(PATH, SIM.key("team"), body("vendor/duo"));

      assertThat(reply.status()).as(name).isEqualTo(529);
      assertThat(reply.json().get("error").get("metadata").get("provider_name").asText()).isEqualTo("Second Site");
    }
  }

  @Test
  void aFaultWithoutModelOrProviderStrikesEveryProviderOfEveryModel() {
    SIM.simulator().injectFault(FaultSpec.of("outage"));

    assertThat(solo()).isEqualTo(502);
    assertThat(status("team", body("vendor/duo"))).isEqualTo(502);
  }
}

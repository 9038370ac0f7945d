package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.simulator.ManualSimClock;
import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenRouter's default load balancing (shared/OPENROUTER.md §6): a random pick weighted by the
 * inverse square of the price among providers that did not fail in the last 30 seconds,
 * repeatable from the scenario's seed.
 */
class ProviderRoutingLoadBalancingTest {

  private static final String SCENARIO = """
      name: balancing
      seed: 21
      accounts:
        - id: acct
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-balancing, label: team}
      models:
        - id: vendor/pair
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Cheap
            - name: Dear
              pricing: {prompt: 0.000003, completion: 0.000003}
        - id: vendor/lopsided
          pricing: {prompt: 0.000001, completion: 0.000001}
          providers:
            - name: Cheap
            - name: Dear
              pricing: {prompt: 0.0001, completion: 0.0001}
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "test"));

  private static final String PATH = "/api/v1/chat/completions";

  private static String body(String model) {
    return body(model, "");
  }

  private static String body(String model, String extra) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":4," + extra
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static String servedBy(HttpTester http, String body) {
    Reply reply = http.post(PATH, "sk-or-v1-test-balancing", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("provider").asText();
  }

  private static List<String> providersOf(HttpTester http, int requests) {
    List<String> providers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      providers.add(servedBy(http, body("vendor/pair")));
    }
    return providers;
  }

  @Test
  void aProviderAtOneThirdOfThePriceIsChosenAboutNineTimesAsOften() {
    List<String> providers = providersOf(SIM.http(), 900);

    long cheap = providers.stream().filter("Cheap"::equals).count();
    long dear = providers.stream().filter("Dear"::equals).count();

    assertThat(cheap + dear).isEqualTo(900);
    // Inverse square gives 9 (810 to 90); a linear weighting would give 3, an even split 1.
    assertThat(dear).isPositive();
    assertThat((double) cheap / dear).isBetween(5.0, 16.0);
  }

  @Test
  void theSameSeedGivesTheSameSequenceOfProvidersAfterAReset() {
    List<String> first = providersOf(SIM.http(), 100);

    Reply reset = SIM.http().post("/sim/reset", null, "");
    assertThat(reset.status()).isEqualTo(200);
    List<String> second = providersOf(SIM.http(), 100);

    assertThat(first).contains("Cheap", "Dear");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherSimulatorFromTheSameScenarioRepeatsTheSequenceAndAnotherSeedDoesNot() {
    List<String> reference = providersOf(SIM.http(), 100);

    assertThat(sequenceFrom(SCENARIO)).isEqualTo(reference);
    assertThat(sequenceFrom(SCENARIO.replace("seed: 21", "seed: 22"))).isNotEqualTo(reference);
  }

  private static List<String> sequenceFrom(String yaml) {
    ManualSimClock clock = new ManualSimClock(SimulatorExtension.DEFAULT_START);
    try (Simulator sim = Simulator.builder(Scenarios.parse(yaml, "copy")).clock(clock).port(0).start();
        HttpTester http = new HttpTester(sim.baseUri())) {
      return providersOf(http, 100);
    }
  }

  @Test
  void aProviderThatFailedIsAvoidedForThirtySimulatedSeconds() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/lopsided").forProvider("Cheap"));
    assertThat(servedBy(SIM.http(), body("vendor/lopsided", "\"provider\":{\"order\":[\"cheap\"]},")))
        .isEqualTo("Dear");
    SIM.simulator().clearFaults();

    for (Duration step : List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(19_999))) {
      SIM.clock().advance(step);
      for (int i = 0; i < 5; i++) {
        assertThat(servedBy(SIM.http(), body("vendor/lopsided"))).as("at +%s", step).isEqualTo("Dear");
      }
    }

    SIM.clock().advance(Duration.ofMillis(1));

    for (int i = 0; i < 10; i++) {
      assertThat(servedBy(SIM.http(), body("vendor/lopsided"))).isEqualTo("Cheap");
    }
  }

  @Test
  void aRecentlyFailedProviderRemainsTheLastFallback() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/lopsided").forProvider("Cheap"));
    servedBy(SIM.http(), body("vendor/lopsided", "\"provider\":{\"order\":[\"cheap\"]},"));
    SIM.simulator().clearFaults();
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/lopsided").forProvider("Dear"));
    SIM.clock().advance(Duration.ofSeconds(5));

    assertThat(servedBy(SIM.http(), body("vendor/lopsided"))).isEqualTo("Cheap");
  }

  @Test
  void anExplicitOrderIgnoresRecentFailures() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel("vendor/lopsided").forProvider("Cheap"));
    servedBy(SIM.http(), body("vendor/lopsided", "\"provider\":{\"order\":[\"cheap\"]},"));
    SIM.simulator().clearFaults();

    assertThat(servedBy(SIM.http(), body("vendor/lopsided", "\"provider\":{\"order\":[\"cheap\"]},")))
        .isEqualTo("Cheap");
  }
}

package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.RetryConfig;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider whose breaker opens is steered around: OpenRouter (the simulator) picks the provider,
 * so the gateway lists it in the attempt's {@code provider.ignore}, spliced into the client's own
 * bytes. A recorder between the gateway and the simulator shows what the upstream received. One
 * attempt per request; breakers open at half of 3 calls, for 30 s, with 2 probes.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SteeringAroundProvidersTest {

  private static final String KEY = "sk-or-v1-steering-00000000000000000000000000000000000000000000000000000";
  private static final String BODY = """
      {"model":"sim/two","max_tokens":8,"messages":[{"role":"user","content":"Steer, please"}]}""";
  private static final String IGNORING_FLAKY = BODY.substring(0, BODY.length() - 1) + ",\"provider\":{\"ignore\":[\"Flaky\"]}}";

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse("""
      name: steering
      seed: 11
      accounts:
        - id: acct-steering
          credits: 1000
          purchased: 1000
          keys: [{key: %s, label: steering}]
      models:
        - id: sim/two
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 4, max: 4}
          providers: [{name: Flaky}, {name: Steady}]
      """.formatted(KEY), "steering"));

  private RecordingUpstream upstream;
  private TestGateway gateway;

  @BeforeEach
  void start() {
    upstream = RecordingUpstream.forwardingTo(SIM.simulator().baseUri());
    gateway = TestGateway.start(TestGateway.config(upstream.apiBase(), KEY, Map.of())
        .withRetries(new RetryConfig(1, null, null, 3, Duration.ofSeconds(30))));
  }

  @AfterEach
  void stop() {
    gateway.close();
    upstream.close();
  }

  private Reply ask(String body) {
    return gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, body);
  }

  private String received() {
    return upstream.last().bodyText();
  }

  private static long flakysFailures() {
    return SIM.simulator().stats("steering").errors().getOrDefault("error-in-body", 0L);
  }

  /** Asks until both providers have served: the gateway knows which providers serve a model from their answers. */
  private void bothProvidersServe() {
    Set<String> served = new HashSet<>();
    for (int i = 0; i < 20 && served.size() < 2; i++) {
      Reply reply = ask(BODY);
      assertThat(reply.status()).isEqualTo(200);
      served.add(reply.header("X-Sluice-Provider"));
    }
    assertThat(served).containsExactlyInAnyOrder("Flaky", "Steady");
  }

  /** Flaky fails whatever it serves, with a 502 in a 200 body naming it; asks until an attempt ignores it. */
  private void flakyFailsUntilIgnored() {
    bothProvidersServe();
    SIM.simulator().injectFault(FaultSpec.of("error-in-body").forProvider("Flaky").withStatus(502, "Provider returned error"));
    for (int i = 0; i < 20 && !received().contains("ignore"); i++) {
      ask(BODY);
    }
    assertThat(received()).isEqualTo(IGNORING_FLAKY);
  }

  @Test
  void aFailingProviderIsIgnoredOnceItsBreakerOpensAndItsFailuresStop() {
    flakyFailsUntilIgnored();
    long failures = flakysFailures();
    assertThat(failures).isPositive();

    for (int i = 0; i < 10; i++) {
      Reply reply = ask(BODY);
      assertThat(reply.status()).as("the model itself still serves").isEqualTo(200);
      assertThat(reply.header("X-Sluice-Provider")).isEqualTo("Steady");
      assertThat(received()).isEqualTo(IGNORING_FLAKY);
    }

    assertThat(flakysFailures()).isEqualTo(failures);
  }

  @Test
  void afterItsOpenTimeTheProviderIsLeftReachableSoThatItsBreakerCanCloseOrReopen() {
    flakyFailsUntilIgnored();
    gateway.timers.advance(Duration.ofSeconds(30));

    // Half-open: each attempt holds a probe and leaves Flaky reachable, until the upstream sends one there.
    long failures = flakysFailures();
    for (int i = 0; i < 20 && flakysFailures() == failures; i++) {
      ask(BODY);
      assertThat(received()).isEqualTo(BODY);
    }
    assertThat(flakysFailures()).as("a probe reached Flaky").isEqualTo(failures + 1);
    ask(BODY);
    assertThat(received()).as("that failure reopened it").isEqualTo(IGNORING_FLAKY);

    SIM.simulator().clearFaults();
    gateway.timers.advance(Duration.ofSeconds(30));
    Set<String> served = new HashSet<>();
    for (int i = 0; i < 20 && served.size() < 2; i++) {
      served.add(ask(BODY).header("X-Sluice-Provider"));
    }
    assertThat(served).as("Flaky serves again").contains("Flaky");
  }

  @Test
  void theClientsOwnProviderPreferencesAreMergedIntoAndEveryOtherByteIsKept() {
    flakyFailsUntilIgnored();
    String own = """
        {"model":"sim/two", "provider" : {"order":["steady"] , "ignore":[ "Nobody" ],"sort":"price"},\
        "max_tokens":8,"temperature":0.70,"messages":[{"role":"user","content":"Ünïcode ✓ \\u00e9"}]}""";

    Reply reply = ask(own);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(received()).isEqualTo(own.replace("[ \"Nobody\" ]", "[ \"Nobody\" ,\"Flaky\"]"));
  }

  @Test
  void aClientThatAllowsOnlyTheIgnoredProviderKeepsItsChoice() {
    flakyFailsUntilIgnored();
    String onlyFlaky = """
        {"model":"sim/two","provider":{"only":["flaky"]},"max_tokens":8,"messages":[{"role":"user","content":"x"}]}""";

    ask(onlyFlaky);

    assertThat(received()).isEqualTo(onlyFlaky);
  }
}

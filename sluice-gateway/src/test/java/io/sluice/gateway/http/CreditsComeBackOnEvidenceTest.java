package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.GatewayConfig;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After an out-of-credits answer, paid traffic comes back on evidence only. The gateway reads the
 * upstream every minute here (and /credits while paid traffic is stopped); the engine probes once
 * every 5 minutes when no reading can show credit. Both accounts start with nothing and buy
 * credits mid-test; one has a management key, whose /credits reading shows the balance.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CreditsComeBackOnEvidenceTest {

  private static final String MANAGED = "sk-or-v1-credits-managed-000000000000000000000000000000000000000000000";
  private static final String PLAIN = "sk-or-v1-credits-plain-00000000000000000000000000000000000000000000000";
  private static final String PAID = "sim/paid";
  private static final Duration READINGS = Duration.ofMinutes(1);
  private static final Duration PROBES = Duration.ofMinutes(5);

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse("""
      name: credits-evidence
      seed: 5
      accounts:
        - id: acct-managed
          credits: 0
          purchased: 20
          keys: [{key: %s, label: managed, management: true}]
        - id: acct-plain
          credits: 0
          purchased: 20
          keys: [{key: %s, label: plain}]
      models:
        - id: %s
          pricing: {prompt: 0.00001, completion: 0.00001}
          completion: {min: 5, max: 5}
          providers: [{name: Paid}]
      """.formatted(MANAGED, PLAIN, PAID), "credits-evidence"));

  private TestGateway gateway;

  private void start(String upstreamKey) {
    GatewayConfig config = TestGateway.config(SIM.simulator().apiBase(), upstreamKey, Map.of());
    gateway = TestGateway.start(config.withUpstream(config.upstream().withCatalogTtl(READINGS)));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private Reply askPaid() {
    return gateway.http.post("/api/v1/chat/completions", CLIENT_KEY,
        "{\"model\":\"" + PAID + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static long attempts(String label) {
    return SIM.simulator().stats(label).attempts();
  }

  /** Moves the gateway's time by {@code step}, a minute at a time: each minute the upstream is read. */
  private void after(Duration step) {
    for (Duration moved = Duration.ZERO; moved.compareTo(step) < 0; moved = moved.plus(READINGS)) {
      gateway.timers.advance(READINGS);
    }
  }

  private static void sluiceRefused(Reply reply) {
    assertThat(reply.status()).isEqualTo(402);
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("out_of_credits");
  }

  @Test
  void whileTheBalanceShowsNoCreditPaidRequestsNeverReachTheUpstreamAndOnceItDoesTheyFlow() throws Exception {
    start(MANAGED);
    assertThat(askPaid().status()).as("the upstream's own 402").isEqualTo(402);

    after(READINGS);
    TimeoutsAndCancellationTest.eventually( // refused either way until 5 minutes have passed: no probe is due
        () -> askPaid().json().path("error").path("message").asText().contains("latest reading shows none"));
    after(PROBES.multipliedBy(2));
    sluiceRefused(askPaid());
    sluiceRefused(askPaid());
    assertThat(attempts("managed")).as("only the first reached the upstream").isEqualTo(1);

    SIM.simulator().addCredits("acct-managed", 5);
    after(READINGS);
    TimeoutsAndCancellationTest.eventually(() -> askPaid().status() == 200); // held, unsent, until the reading lands

    assertThat(askPaid().status()).isEqualTo(200);
    assertThat(attempts("managed")).isEqualTo(3);
  }

  @Test
  void withNothingToShowCreditExactlyOnePaidRequestReachesTheUpstreamEachInterval() {
    start(PLAIN);
    assertThat(askPaid().status()).isEqualTo(402);

    after(PROBES.minus(READINGS));
    sluiceRefused(askPaid());
    assertThat(attempts("plain")).isEqualTo(1);

    after(READINGS);
    assertThat(askPaid().status()).as("the probe, and the upstream's 402").isEqualTo(402);
    sluiceRefused(askPaid());
    sluiceRefused(askPaid());
    assertThat(attempts("plain")).isEqualTo(2);

    after(PROBES);
    askPaid();
    sluiceRefused(askPaid());
    assertThat(attempts("plain")).isEqualTo(3);

    SIM.simulator().addCredits("acct-plain", 5);
    sluiceRefused(askPaid());
    after(PROBES);
    assertThat(askPaid().status()).as("the probe succeeds").isEqualTo(200);
    assertThat(askPaid().status()).as("paid traffic flows").isEqualTo(200);
    assertThat(attempts("plain")).isEqualTo(5);
  }
}

package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.RetryConfig;
import io.sluice.gateway.config.Route;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paid-turbulence preset during its first storm (most DeepSeek traffic throttled upstream for
 * a minute): through a route that falls back to another model, nearly every request succeeds,
 * where a client calling DeepSeek directly fails often (half the time in this run's seed).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PaidTurbulenceTest {

  private static final String KEY = "sk-or-v1-sim-team-1111111111111111111111111111111111111111111111111111";
  private static final String DEEPSEEK = "deepseek/deepseek-chat-v3";
  private static final String BODY = "{\"model\":\"%s\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final int REQUESTS = 20;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.preset("paid-turbulence").autoAdvancing();

  @Test
  void fallbackKeepsSuccessHighThroughAStormOfUpstreamThrottling() {
    SIM.clock().advance(Duration.ofSeconds(61)); // into the storm: 60 s to 120 s of simulated time
    var config = TestGateway.config(SIM.simulator().apiBase(), KEY,
        Map.of("chat", new Route(List.of(DEEPSEEK, "openai/gpt-4o-mini")))).withRetries(RetryConfig.DEFAULTS);
    int direct = 0;
    int throughSluice = 0;
    int fellBack = 0;
    try (TestGateway gateway = TestGateway.start(config)) {
      // Interleaved, so that both clients meet the same moments of the storm.
      for (int i = 0; i < REQUESTS; i++) {
        direct += SIM.http().post("/api/v1/chat/completions", KEY, BODY.formatted(DEEPSEEK)).status() == 200 ? 1 : 0;
        Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, BODY.formatted("chat"));
        throughSluice += reply.status() == 200 ? 1 : 0;
        fellBack += reply.header("X-Sluice-Fallback-From") != null ? 1 : 0;
      }
    }

    assertThat(SIM.clock().now()).as("still inside the storm").isBefore(SimulatorExtension.DEFAULT_START.plusSeconds(120));
    assertThat(throughSluice).as("successes through Sluice out of %d", REQUESTS).isGreaterThanOrEqualTo(REQUESTS - 1);
    assertThat(direct).as("direct successes out of %d", REQUESTS).isLessThan(throughSluice);
    assertThat(fellBack).isPositive();
    KeyStats upstream = SIM.simulator().stats("team");
    assertThat(upstream.attempts()).as("direct requests plus Sluice's attempts").isLessThanOrEqualTo(3L * REQUESTS);
  }
}

package io.sluice.gateway.http;

import static io.sluice.gateway.http.Scenario.MODEL;
import static io.sluice.gateway.http.Scenario.OTHER_MODEL;
import static io.sluice.gateway.http.Scenario.chat;
import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.RetryConfig;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures before anything reached the client are retried or fall back along the route, within
 * the request's attempts and the shared retry budget. Time moves by hand: the gateway's timers
 * and the simulator's clock together.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RetriesAndFallbackTest {

  @RegisterExtension
  static final SimulatorExtension SIM = Scenario.simulator("retries");

  private TestGateway gateway;

  @BeforeEach
  void start() {
    gateway = TestGateway.start(TestGateway.config(SIM.simulator().apiBase(), Scenario.UPSTREAM_KEY, Scenario.ROUTES)
        .withRetries(RetryConfig.DEFAULTS));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private static KeyStats upstream() {
    return SIM.simulator().stats("gw");
  }

  /** Sends {@code requests} at once, moving time a second at a time until every one is answered. */
  private List<Reply> sendAll(int requests, String body) throws Exception {
    List<CompletableFuture<Reply>> pending = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      pending.add(gateway.http.postAsync("/api/v1/chat/completions", CLIENT_KEY, body));
    }
    advanceUntilDone(pending);
    List<Reply> replies = new ArrayList<>();
    for (CompletableFuture<Reply> reply : pending) {
      replies.add(reply.get());
    }
    return replies;
  }

  /** Moves time a second at a time until every reply is in. */
  private void advanceUntilDone(List<CompletableFuture<Reply>> pending) throws InterruptedException {
    for (int second = 0; second < 120 && !pending.stream().allMatch(CompletableFuture::isDone); second++) {
      Thread.sleep(20); // lets requests in flight reach their next timer; time itself moves only below
      SIM.clock().advance(Duration.ofSeconds(1));
      gateway.timers.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void anOutageOfTheFirstCandidateFallsBackToTheNextOne() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel(OTHER_MODEL));

    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, chat("drafting", false));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(MODEL);
    assertThat(reply.header("X-Sluice-Attempts")).isEqualTo("2");
    assertThat(reply.header("X-Sluice-Route")).isEqualTo("drafting");
    assertThat(reply.header("X-Sluice-Fallback-From")).isEqualTo(OTHER_MODEL);
    assertThat(upstream().attempts()).isEqualTo(2);
  }

  @Test
  void aStreamFallsBackWhenItsFirstCandidateFailsBeforeTheFirstByte() {
    SIM.simulator().injectFault(FaultSpec.of("outage").forModel(OTHER_MODEL));

    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, chat("drafting", true));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(MODEL);
    assertThat(reply.events().getLast().done()).isTrue();
  }

  @Test
  void aStreamThatFailsAfterItsFirstByteIsNeverRetried() {
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error").forModel(OTHER_MODEL).afterChunks(2));

    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, chat("drafting", true));

    List<SseEvent> data = reply.events().stream().filter(e -> !e.comment()).toList();
    assertThat(data.getLast().json().path("error").isObject()).isTrue();
    assertThat(upstream().attempts()).isEqualTo(1);
  }

  @Test
  void aThrottledModelIsRetriedAfterTheUpstreamsHint() throws Exception {
    SIM.simulator().injectFault(FaultSpec.of("rate-limit").forModel(MODEL).withRetryAfter(Duration.ofSeconds(2))
        .during(Duration.ZERO, Duration.ofSeconds(1))); // from the simulator's reset before this test
    CompletableFuture<Reply> pending = gateway.http.postAsync("/api/v1/chat/completions", CLIENT_KEY, chat(MODEL, false));
    TimeoutsAndCancellationTest.eventually(() -> upstream().upstream429() == 1); // time stands still until then

    advanceUntilDone(List.of(pending));

    Reply reply = pending.get();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Sluice-Attempts")).isEqualTo("2");
    assertThat(reply.header("X-Sluice-Fallback-From")).as("a retry of the same model").isNull();
    assertThat(upstream().attempts()).isEqualTo(2);
  }


  @Test
  void aBadRequestIsNeitherRetriedNorFallenBack() {
    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, chat("sim/no-such-model", false));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("X-Sluice-Attempts")).isEqualTo("1");
    assertThat(upstream().attempts()).isEqualTo(1);
  }

  @Test
  void duringAnOutageUpstreamAttemptsStayBelowOnePerRequest() throws Exception {
    SIM.simulator().injectFault(FaultSpec.of("outage"));
    int requests = 100;

    List<Reply> replies = sendAll(requests, chat(MODEL, false));

    // The first failures are retried within the budget; then the model's breaker opens and the
    // rest are answered by Sluice at once, naming the cause, without reaching the upstream.
    assertThat(replies).allMatch(r -> r.status() >= 500); // 502 from the upstream, or Sluice's 503
    assertThat(replies).anyMatch(r -> r.status() == 503 && r.header("Retry-After") != null
        && r.json().path("error").path("message").asText().contains("circuit breaker"));
    assertThat(upstream().attempts()).isPositive().isLessThanOrEqualTo((long) (requests * 1.1));
  }

}

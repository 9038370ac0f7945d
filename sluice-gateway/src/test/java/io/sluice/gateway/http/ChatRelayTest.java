package io.sluice.gateway.http;

import static io.sluice.gateway.http.Scenario.MODEL;
import static io.sluice.gateway.http.Scenario.OTHER_MODEL;
import static io.sluice.gateway.http.Scenario.chat;
import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chat completions through the gateway to the simulator, plain and streamed, as a client sees them. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatRelayTest {

  @RegisterExtension
  static final SimulatorExtension SIM = Scenario.simulator("chat-relay");

  /** One per test: what the engine learns from one test's faults (a cool-down after a 429) stays there. */
  private TestGateway gateway;

  @BeforeEach
  void start() {
    gateway = TestGateway.start(TestGateway.config(SIM.simulator().apiBase(), Scenario.UPSTREAM_KEY, Scenario.ROUTES));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private Reply post(String path, String body) {
    return gateway.http.post(path, CLIENT_KEY, body);
  }

  private static KeyStats upstreamStats() {
    return SIM.simulator().stats("gw");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/chat/completions", "/v1/chat/completions"})
  void aPlainAnswerArrivesWholeWithWhatServedIt(String path) {
    Reply reply = post(path, chat(MODEL, false));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().path("choices").path(0).path("message").path("content").asText()).isNotBlank();
    assertThat(reply.json().path("model").asText()).isEqualTo(MODEL);
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(MODEL);
    assertThat(reply.header("X-Sluice-Provider")).isEqualTo("Steady");
    assertThat(reply.header("X-Sluice-Attempts")).isEqualTo("1");
    assertThat(reply.header("X-Sluice-Queued-Ms")).isEqualTo("0");
    assertThat(reply.header("X-Sluice-Request-Id")).startsWith("req-");
    assertThat(reply.header("X-Sluice-Route")).isNull();
    KeyStats stats = upstreamStats();
    assertThat(stats.attempts()).isEqualTo(1);
    assertThat(reply.json().path("usage").path("prompt_tokens").asLong()).isEqualTo(stats.promptTokens());
    assertThat(reply.json().path("usage").path("completion_tokens").asLong()).isEqualTo(12).isEqualTo(stats.completionTokens());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/chat/completions", "/v1/chat/completions"})
  void aStreamArrivesAsEventsEndingWithDone(String path) {
    Reply reply = post(path, chat(MODEL, true));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(MODEL);
    assertThat(reply.header("X-Sluice-Provider")).isEqualTo("Steady");
    List<SseEvent> events = reply.events();
    assertThat(events.getLast().done()).isTrue();
    List<SseEvent> data = events.stream().filter(e -> !e.comment() && !e.done()).toList();
    assertThat(data).hasSizeGreaterThan(3);
    assertThat(data.getLast().json().path("usage").path("completion_tokens").asLong()).isEqualTo(12);
    assertThat(upstreamStats().attempts()).isEqualTo(1);
  }

  @Test
  void aRouteAliasIsSentAsItsFirstModel() {
    Reply reply = post("/api/v1/chat/completions", chat("drafting", false));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("model").asText()).isEqualTo(OTHER_MODEL);
    assertThat(reply.header("X-Sluice-Route")).isEqualTo("drafting");
    assertThat(reply.header("X-Sluice-Model")).isEqualTo(OTHER_MODEL);
    assertThat(reply.header("X-Sluice-Provider")).isEqualTo("Other");
  }

  @Test
  void anUpstreamErrorReachesTheClientAsTheUpstreamSentIt() {
    Reply reply = post("/api/v1/chat/completions", chat("sim/no-such-model", false));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("message").asText()).contains("not a valid model ID");
    assertThat(reply.header("X-Sluice-Attempts")).isEqualTo("1");
  }

  @Test
  void aRateLimitKeepsItsRetryAfter() {
    SIM.simulator().injectFault(FaultSpec.of("rate-limit").withRetryAfter(java.time.Duration.ofSeconds(7)));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, false));

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Retry-After")).isEqualTo("7");
    assertThat(reply.json().path("error").path("metadata").path("raw").asText()).contains("rate-limited upstream");
  }

  @Test
  void anErrorInsideA200BodyIsRelayedAsIs() {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: error-in-body, form: top-level}"));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, false));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("error").isObject()).isTrue();
  }

  @Test
  void a200WhoseBodyIsNotJsonBecomesA502InsteadOfABrokenSuccess() {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: malformed-json, stream: false}"));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, false));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("upstream_malformed_response");
  }

  @Test
  void aMidStreamErrorChunkIsRelayedAndTheStreamEnds() {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: mid-stream-error, stream: true, after-chunks: 2}"));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, true));

    assertThat(reply.status()).isEqualTo(200);
    List<SseEvent> data = reply.events().stream().filter(e -> !e.comment()).toList();
    assertThat(data.getLast().done()).isFalse();
    assertThat(data.getLast().json().path("error").isObject()).isTrue();
    assertThat(data.getLast().json().path("choices").path(0).path("finish_reason").asText()).isEqualTo("error");
  }

  @Test
  void aStreamTheUpstreamEndsWithoutDoneGetsAnErrorChunk() {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: truncated-body, stream: true, after-chunks: 3}"));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, true));

    List<SseEvent> data = reply.events().stream().filter(e -> !e.comment()).toList();
    assertThat(data).noneMatch(SseEvent::done);
    assertThat(data.getLast().json().path("error").path("metadata").path("error_type").asText())
        .isEqualTo("upstream_stream_truncated");
    assertThat(data.getLast().json().path("choices").path(0).path("finish_reason").asText()).isEqualTo("error");
  }

  @Test
  void aStreamCutByAResetGetsAnErrorChunk() {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: reset-mid-body, stream: true, after-chunks: 3}"));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, true));

    assertThat(reply.status()).isEqualTo(200);
    List<SseEvent> data = reply.events().stream().filter(e -> !e.comment()).toList();
    assertThat(data).noneMatch(SseEvent::done);
    assertThat(data.getLast().json().path("error").path("metadata").path("error_type").asText())
        .isEqualTo("upstream_stream_cut");
    assertThat(data.getLast().json().path("error").path("code").asInt()).isEqualTo(502);
  }

  @Test
  void aResetBeforeTheHeadIsA502() {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: reset-before-headers}"));

    Reply reply = post("/api/v1/chat/completions", chat(MODEL, false));

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("upstream_unavailable");
    assertThat(reply.json().path("error").path("code").asInt()).isEqualTo(502);
  }

  @Test
  void sequentialRequestsShareOneKeepAliveUpstreamConnection() {
    post("/api/v1/chat/completions", chat(MODEL, false));
    int before = SIM.simulator().openConnections();
    for (int i = 0; i < 5; i++) {
      assertThat(post("/api/v1/chat/completions", chat(MODEL, i % 2 == 0)).status()).isEqualTo(200);
    }
    assertThat(upstreamStats().attempts()).isEqualTo(6);
    assertThat(SIM.simulator().openConnections()).isEqualTo(before);
  }
}

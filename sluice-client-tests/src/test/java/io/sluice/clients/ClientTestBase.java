package io.sluice.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.GeneratedKey;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.RetryConfig;
import io.sluice.gateway.config.Secret;
import io.sluice.gateway.config.UpstreamConfig;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the client SDK tests share: the upstream (the simulator, where faults are injected and
 * whose stats count what reached it), the endpoint the SDKs are pointed at ({@link #target()}),
 * and the upstream's own answer to a conversation, read over plain HTTP, as the value an SDK must
 * report.
 */
abstract class ClientTestBase {

  static final String MODEL = "sim/chat";
  /** Costs a tenth of a cent a completion token, so 50,000 of them are more than the account has. */
  static final String PRICEY = "sim/pricey";
  static final String UNKNOWN_MODEL = "acme/no-such-model";
  static final String PROMPT = "Explain back-pressure in one paragraph";
  static final String LABEL = "client";
  /** Room for every request to finish many times over; the tests never wait for time to pass. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  static final String RATE_LIMITED = "Provider returned error";
  static final int UNAFFORDABLE_TOKENS = 50_000;
  static final String CANNOT_AFFORD = "This request requires more credits, or fewer max_tokens. You requested up to "
      + "50000 tokens, but can only afford 10000. To increase, visit https://openrouter.ai/settings/credits and add "
      + "more credits";
  static final String INVALID_MODEL = UNKNOWN_MODEL + " is not a valid model ID";

  private static final String SCENARIO = """
      name: client-sdks
      seed: 17
      accounts:
        - id: acct-clients
          credits: 10
          purchased: 10
          keys: [{key: sk-or-v1-test-clients-0000000000000000000000000000000000000000000000000000, label: client}]
      models:
        - id: sim/chat
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 24, max: 40}
          providers: [{name: Steady}]
        - id: sim/pricey
          pricing: {prompt: 0, completion: 0.001}
          max-completion-tokens: 100000
          providers: [{name: Vault}]
      """;

  @RegisterExtension
  static final SimulatorExtension UPSTREAM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "client-sdks"));

  private static final GeneratedKey CLIENT_KEY = new ClientKeyGenerator().generate();
  private static Gateway gateway;
  /**
   * Each test's gateway listens on the same port, so that the base URLs a parameterized test was
   * given before its first case stay valid for the next ones.
   */
  private static final int GATEWAY_PORT = freePort();

  /**
   * Where the SDKs send their requests: the Sluice gateway (its {@code /v1} and {@code /api/v1}
   * bases and a Sluice key), forwarding to {@link #UPSTREAM} under the key labelled {@link #LABEL}.
   */
  static Target target() {
    return Target.gateway(gateway(), CLIENT_KEY.key());
  }

  private static synchronized Gateway gateway() {
    if (gateway == null) {
      GatewayConfig defaults = GatewayConfig.defaults();
      gateway = Gateway.start(defaults
          .withServer(defaults.server().withPort(GATEWAY_PORT))
          .withUpstream(UpstreamConfig.DEFAULTS.withBaseUrl(UPSTREAM.simulator().apiBase())
              .withApiKey(Secret.of(UPSTREAM.key(LABEL))))
          .withClientKeys(List.of(new ClientKey("sdk-tests", "clients", "", "", PriorityClass.INTERACTIVE,
              CLIENT_KEY.hash())))
          // One attempt per request: these tests are about how each SDK surfaces what the
          // upstream said; the gateway's own retries are tested in sluice-gateway.
          .withRetries(RetryConfig.passThrough()));
    }
    return gateway;
  }

  /**
   * A fresh gateway for each test: what the engine learns from one test's faults (a cool-down
   * after a 429, paid traffic stopped after a 402) must not decide the next test.
   */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  synchronized void closeGateway() {
    if (gateway != null) {
      gateway.close();
      gateway = null;
    }
  }

  /** For parameterized tests: every base URL form the target serves. */
  static List<String> baseUrls() {
    return target().baseUrls();
  }

  static void inject(FaultSpec fault) {
    UPSTREAM.simulator().injectFault(fault);
  }

  /** What the upstream counted for the key the requests reach it with. */
  static KeyStats upstreamStats() {
    return UPSTREAM.simulator().stats(LABEL);
  }

  /**
   * The upstream's own plain answer to {@link #PROMPT} on {@link #MODEL}, asked directly with no
   * fault in force. Completions are deterministic in the prompt, so this is what an SDK asked the
   * same must report. It is a request of its own: read {@link #upstreamStats()} before it.
   */
  static Answer upstreamAnswer() {
    UPSTREAM.simulator().clearFaults();
    Reply reply = UPSTREAM.http().post("/api/v1/chat/completions", UPSTREAM.key(LABEL), body(false));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode json = reply.json();
    JsonNode usage = json.get("usage");
    JsonNode choice = json.get("choices").get(0);
    return new Answer(choice.get("message").get("content").asText(), json.get("model").asText(),
        choice.get("finish_reason").asText(), usage.get("prompt_tokens").asLong(),
        usage.get("completion_tokens").asLong(), usage.get("total_tokens").asLong());
  }

  /** The same, streamed: the content of each chunk in order (usage and finish as in the plain answer). */
  static List<String> upstreamChunks() {
    UPSTREAM.simulator().clearFaults();
    Reply reply = UPSTREAM.http().post("/api/v1/chat/completions", UPSTREAM.key(LABEL), body(true));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> pieces = new ArrayList<>();
    for (SseEvent event : reply.events()) {
      if (!event.comment() && !event.done()) {
        JsonNode choices = event.json().path("choices");
        String content = choices.isEmpty() ? "" : choices.get(0).path("delta").path("content").asText("");
        if (!content.isEmpty()) {
          pieces.add(content);
        }
      }
    }
    return pieces;
  }

  private static String body(boolean stream) {
    return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
  }

  /** A completion as the upstream reported it. */
  record Answer(String content, String model, String finishReason, long promptTokens, long completionTokens,
      long totalTokens) {}
}

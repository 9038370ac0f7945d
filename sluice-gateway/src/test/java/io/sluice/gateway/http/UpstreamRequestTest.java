package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.config.Attribution;
import io.sluice.gateway.config.Route;
import io.sluice.testing.HttpTester.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What reaches the upstream: the client's body (only the model may change) and Sluice's own headers. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamRequestTest {

  private static final String UPSTREAM_KEY = "sk-or-v1-recorded-upstream-key-0123456789abcdef0123456789abcdef";
  private static RecordingUpstream upstream;
  private static TestGateway gateway;

  @BeforeAll
  static void start() {
    upstream = new RecordingUpstream();
    var config = TestGateway.config(upstream.apiBase(), UPSTREAM_KEY,
        Map.of("drafting", new Route(List.of("anthropic/claude-sonnet-4", "openai/gpt-4o"))));
    gateway = TestGateway.start(config.withUpstream(config.upstream()
        .withAttribution(new Attribution("https://example.com/app", "Example App"))));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void clear() {
    upstream.clear();
  }

  @Test
  void theBodyReachesTheUpstreamByteForByte() {
    String body = "{ \"model\" : \"openai/gpt-4o\",\n  \"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9llo \\\"quoted\\\"\"}],"
        + "\"temperature\":0.70, \"big\":123456789012345678901234567890, \"x_vendor\":{\"keep\":[1,2.50,null]},"
        + "\"provider\":{\"order\":[\"A\"]}}";

    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(upstream.last().bodyText()).isEqualTo(body);
    assertThat(upstream.last().path()).isEqualTo("/api/v1/chat/completions");
    assertThat(upstream.last().method()).isEqualTo("POST");
  }

  @Test
  void aRouteAliasChangesOnlyTheModel() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}], \"model\":  \"drafting\" ,\"top_p\":1.0}";

    gateway.http.post("/v1/chat/completions", CLIENT_KEY, body);

    assertThat(upstream.last().bodyText())
        .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}], \"model\":  \"anthropic/claude-sonnet-4\" ,\"top_p\":1.0}");
  }

  @Test
  void theUpstreamGetsSluicesKeyAndAttributionAndNothingOfTheClientsCredentials() {
    gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, "{\"model\":\"a/b\",\"messages\":[]}",
        Map.of("x-api-key", CLIENT_KEY, "HTTP-Referer", "https://client.example", "X-Title", "Client's title",
            "Cookie", "session=secret", "X-Custom", "1"));

    var headers = upstream.last().headers();
    assertThat(headers.get("Authorization")).containsExactly("Bearer " + UPSTREAM_KEY);
    assertThat(headers.get("HTTP-Referer")).containsExactly("https://example.com/app");
    assertThat(headers.get("X-Title")).containsExactly("Example App");
    assertThat(headers.containsKey("X-api-key")).isFalse();
    assertThat(headers.containsKey("Cookie")).isFalse();
    assertThat(headers.containsKey("X-custom")).isFalse();
    assertThat(headers.values().stream().flatMap(List::stream)).noneMatch(v -> v.contains(CLIENT_KEY));
    assertThat(headers.getFirst("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void aStreamingRequestAsksTheUpstreamForAnEventStream() {
    gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, "{\"model\":\"a/b\",\"stream\":true,\"messages\":[]}");

    assertThat(upstream.last().headers().getFirst("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void aNonJsonAnswerFromTheUpstreamIsRelayedWithItsStatus() {
    upstream.answerWith(new RecordingUpstream.Answer(503, "text/html", "<html>Service Unavailable</html>"));
    try {
      Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, "{\"model\":\"a/b\",\"messages\":[]}");

      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.header("Content-Type")).isEqualTo("text/html");
      assertThat(reply.body()).isEqualTo("<html>Service Unavailable</html>");
    } finally {
      upstream.answerWith(new RecordingUpstream.Answer(200, "application/json", RecordingUpstream.CHAT_ANSWER));
    }
  }
}

package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.HttpTester.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The model list is fetched at start and every TTL (the engine reads it too), once however many
 * clients ask, and served stale when a refresh fails.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ModelCatalogTest {

  private static final String MODELS = "{\"data\":[{\"id\":\"a/one\",\"context_length\":1000}]}";

  private RecordingUpstream upstream;
  private TestGateway gateway;

  @BeforeEach
  void start() {
    upstream = new RecordingUpstream();
    upstream.answerWith(new RecordingUpstream.Answer(200, "application/json", MODELS));
  }

  /** Started by each test once the upstream answers as it should at the gateway's start. */
  private void startGateway() {
    gateway = TestGateway.start(TestGateway.config(upstream.apiBase(), "sk-or-v1-catalog", Map.of()));
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    upstream.close();
  }

  @Test
  void theCatalogIsFetchedOncePerTtlHoweverManyAsk() throws Exception {
    startGateway();
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      replies.add(CompletableFuture.supplyAsync(() -> gateway.http.get("/v1/models", CLIENT_KEY)));
    }
    for (CompletableFuture<Reply> reply : replies) {
      assertThat(reply.get().status()).isEqualTo(200);
      assertThat(reply.get().json().path("data").get(0).path("id").asText()).isEqualTo("a/one");
    }
    assertThat(fetches()).isEqualTo(1);
    RecordingUpstream.Received fetch = upstream.received().stream().filter(r -> r.path().endsWith("/models")).findFirst()
        .orElseThrow();
    assertThat(fetch.path()).isEqualTo("/api/v1/models");
    assertThat(fetch.headers().getFirst("Authorization")).isEqualTo("Bearer sk-or-v1-catalog");

    gateway.timers.advance(Duration.ofMinutes(5).minusSeconds(1));
    gateway.http.get("/v1/models", CLIENT_KEY);
    assertThat(fetches()).as("still fresh").isEqualTo(1);

    gateway.timers.advance(Duration.ofSeconds(1));
    gateway.http.get("/v1/models", CLIENT_KEY);
    assertThat(fetches()).as("five minutes old: fetched again").isEqualTo(2);
  }

  @Test
  void aFailedRefreshServesTheLastGoodList() {
    startGateway();
    gateway.http.get("/v1/models", CLIENT_KEY);
    upstream.answerWith(new RecordingUpstream.Answer(503, "text/plain", "down"));
    gateway.timers.advance(Duration.ofMinutes(6));

    Reply reply = gateway.http.get("/api/v1/models", CLIENT_KEY);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("data").get(0).path("id").asText()).isEqualTo("a/one");
    assertThat(fetches()).as("the start, the gateway's own refresh at 5 min, perhaps this request's").isBetween(2L, 3L);
  }

  @Test
  void withoutAnyListAFailedFetchIs502() {
    upstream.answerWith(new RecordingUpstream.Answer(503, "text/plain", "down"));
    startGateway();

    Reply reply = gateway.http.get("/api/v1/models", CLIENT_KEY);

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().path("error").path("message").asText()).contains("model list").contains("503");
  }

  private long fetches() {
    return upstream.received().stream().filter(r -> r.path().endsWith("/models")).count();
  }
}

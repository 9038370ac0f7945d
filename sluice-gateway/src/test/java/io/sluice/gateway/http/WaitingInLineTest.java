package io.sluice.gateway.http;

import static io.sluice.gateway.http.FreeModelPacingTest.FREE;
import static io.sluice.gateway.http.FreeModelPacingTest.KEY;
import static io.sluice.gateway.http.TimeoutsAndCancellationTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.KeyHash;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.config.PacingConfig;
import io.sluice.gateway.config.RetryConfig;
import io.sluice.gateway.config.ServerConfig;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that wait for the free-model window wait in line: when the window reopens, interactive
 * keys go before batch ones, and batch tenants take turns. A request is answered once its turn
 * shows it cannot be served before its deadline; the line holds no more requests than it may, and
 * a client that leaves the line costs no attempt.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitingInLineTest {

  private static final String INTERACTIVE = "sk-sluice-test-interactive-0123456789abcdefghijklm";
  private static final String BULK_A = "sk-sluice-test-bulk-a-key-0123456789abcdefghijklmno";
  private static final String BULK_B = "sk-sluice-test-bulk-b-key-0123456789abcdefghijklmno";

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(FreeModelPacingTest.scenario());

  /** A gateway allowing {@code perMinute} free requests, with requests that may take {@code deadline}. */
  private static TestGateway gateway(int perMinute, Duration deadline, int maxQueued) {
    return gateway(perMinute, deadline, maxQueued, Duration.ofMinutes(5));
  }

  private static TestGateway gateway(int perMinute, Duration deadline, int maxQueued, Duration maxWait) {
    var config = TestGateway.config(SIM.simulator().apiBase(), KEY, Map.of());
    List<ClientKey> keys = List.of(
        new ClientKey("app", "acme", "", "", PriorityClass.INTERACTIVE, KeyHash.of(INTERACTIVE)),
        new ClientKey("bulk-a", "tenant-a", "", "", PriorityClass.BATCH, KeyHash.of(BULK_A)),
        new ClientKey("bulk-b", "tenant-b", "", "", PriorityClass.BATCH, KeyHash.of(BULK_B)));
    return TestGateway.start(config.withClientKeys(keys)
        .withPacing(new PacingConfig(perMinute, 1000, Duration.ZERO, maxWait, maxQueued))
        .withServer(new ServerConfig("127.0.0.1", 0, null, null, Duration.ofHours(1)))
        .withRetries(new RetryConfig(1, deadline, null, null, null)));
  }

  @Test
  void whenTheWindowReopensInteractiveRequestsGoBeforeBatchOnesThatWaitedLonger() throws Exception {
    try (TestGateway gateway = gateway(2, Duration.ofMinutes(5), 100)) {
      fillTheWindow(gateway, 2);
      List<CompletableFuture<Reply>> batch = queue(gateway, BULK_A, 3);
      List<CompletableFuture<Reply>> interactive = queue(gateway, INTERACTIVE, 2);

      advance(gateway, Duration.ofSeconds(60));

      for (CompletableFuture<Reply> reply : interactive) {
        assertThat(reply.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
      assertThat(gateway.gateway.requestsWaiting()).as("every batch request still waits").isEqualTo(3);
      assertThat(batch).noneMatch(CompletableFuture::isDone);
      assertThat(SIM.simulator().stats("free").attempts()).isEqualTo(4);

      advance(gateway, Duration.ofSeconds(60));
      advance(gateway, Duration.ofSeconds(60));
      for (CompletableFuture<Reply> reply : batch) {
        assertThat(reply.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
      assertThat(SIM.simulator().stats("free").rateLimited()).isZero();
    }
  }

  @Test
  void batchTenantsTakeTurnsWhateverHowManyEachQueued() throws Exception {
    try (TestGateway gateway = gateway(1, Duration.ofMinutes(5), 100)) {
      fillTheWindow(gateway, 1);
      List<CompletableFuture<Reply>> greedy = queue(gateway, BULK_A, 3);
      List<CompletableFuture<Reply>> modest = queue(gateway, BULK_B, 1);

      advance(gateway, Duration.ofSeconds(60));
      assertThat(greedy.get(0).get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      advance(gateway, Duration.ofSeconds(60));

      assertThat(modest.get(0).get(5, TimeUnit.SECONDS).status()).as("the other tenant's turn").isEqualTo(200);
      assertThat(greedy.get(1)).isNotDone();
      assertThat(gateway.gateway.requestsWaiting()).isEqualTo(2);
    }
  }

  @Test
  void aRequestOvertakenUntilItsDeadlineCannotBeMetIsAnsweredWhenItsTurnShowsIt() throws Exception {
    try (TestGateway gateway = gateway(1, Duration.ofSeconds(90), 100)) {
      fillTheWindow(gateway, 1);
      CompletableFuture<Reply> batch = queue(gateway, BULK_A, 1).getFirst();
      CompletableFuture<Reply> interactive = queue(gateway, INTERACTIVE, 1).getFirst();

      advance(gateway, Duration.ofSeconds(60));

      assertThat(interactive.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      Reply late = batch.get(5, TimeUnit.SECONDS);
      assertThat(late.status()).as("the next slot, at 120 s, is past its deadline").isEqualTo(503);
      assertThat(late.header("Retry-After")).isEqualTo("60");
      assertThat(late.header("X-Sluice-Queued-Ms")).isEqualTo("60000");
      assertThat(late.json().path("error").path("message").asText()).contains("deadline");
      assertThat(SIM.simulator().stats("free").attempts()).as("no attempt for it").isEqualTo(2);
      assertThat(gateway.gateway.requestsWaiting()).isZero();
    }
  }

  @Test
  void aRequestTheWindowCannotServeWithinMaxWaitIsRefusedAtOnceNotHeld() throws Exception {
    try (TestGateway gateway = gateway(2, Duration.ofMinutes(5), 100, Duration.ofSeconds(90))) {
      fillTheWindow(gateway, 2);
      List<CompletableFuture<Reply>> served = queue(gateway, BULK_A, 2);

      Reply third = send(gateway, BULK_A).get(5, TimeUnit.SECONDS);

      assertThat(third.status()).isEqualTo(429);
      assertThat(third.header("Retry-After")).as("two ahead take the slots at 60 s; the next frees at 120 s")
          .isEqualTo("120");
      assertThat(gateway.gateway.requestsWaiting()).isEqualTo(2);
      advance(gateway, Duration.ofSeconds(60));
      for (CompletableFuture<Reply> reply : served) {
        assertThat(reply.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aFullLineRefusesTheNextRequestAtOnce() throws Exception {
    try (TestGateway gateway = gateway(1, Duration.ofMinutes(5), 2)) {
      fillTheWindow(gateway, 1);
      queue(gateway, BULK_A, 2);

      Reply refused = send(gateway, BULK_B).get(5, TimeUnit.SECONDS);

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("60");
      assertThat(refused.json().path("error").path("message").asText()).contains("queue is full (2 requests waiting)");
      assertThat(SIM.simulator().stats("free").attempts()).isEqualTo(1);
    }
  }

  @Test
  void aClientThatLeavesTheLineLosesItsTurnAndCostsNoAttempt() throws Exception {
    try (TestGateway gateway = gateway(1, Duration.ofMinutes(5), 100)) {
      fillTheWindow(gateway, 1);
      try (Socket leaving = new Socket("127.0.0.1", gateway.gateway.port())) {
        OutputStream out = leaving.getOutputStream();
        String body = body();
        out.write(("POST /api/v1/chat/completions HTTP/1.1\r\nHost: sluice\r\nAuthorization: Bearer " + BULK_A
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        eventually(() -> gateway.gateway.requestsWaiting() == 1);
      }
      eventually(() -> gateway.gateway.requestsWaiting() == 0);
      List<CompletableFuture<Reply>> next = queue(gateway, BULK_B, 1);

      advance(gateway, Duration.ofSeconds(60));

      assertThat(next.get(0).get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(SIM.simulator().stats("free").attempts()).as("none for the client that left").isEqualTo(2);
    }
  }

  private static void fillTheWindow(TestGateway gateway, int perMinute) throws Exception {
    for (int i = 0; i < perMinute; i++) {
      assertThat(send(gateway, INTERACTIVE).get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    }
  }

  /** Sends {@code count} requests that wait, one after the other in the line. */
  private static List<CompletableFuture<Reply>> queue(TestGateway gateway, String key, int count) throws Exception {
    List<CompletableFuture<Reply>> replies = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      int waitingBefore = gateway.gateway.requestsWaiting();
      replies.add(send(gateway, key));
      eventually(() -> gateway.gateway.requestsWaiting() == waitingBefore + 1 || replies.getLast().isDone());
    }
    return replies;
  }

  private static CompletableFuture<Reply> send(TestGateway gateway, String key) {
    return gateway.http.postAsync("/api/v1/chat/completions", key, body());
  }

  private static String body() {
    return "{\"model\":\"" + FREE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static void advance(TestGateway gateway, Duration step) {
    SIM.clock().advance(step);
    gateway.timers.advance(step);
  }
}

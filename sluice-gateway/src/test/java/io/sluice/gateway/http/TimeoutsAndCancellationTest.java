package io.sluice.gateway.http;

import static io.sluice.gateway.http.Scenario.MODEL;
import static io.sluice.gateway.http.Scenario.chat;
import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.gateway.config.UpstreamTimeouts;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.SimulatorExtension;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timeouts of an upstream attempt, on manual timers (no test waits for one), and cancellation when
 * the client leaves.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutsAndCancellationTest {

  private static final Duration FIRST_BYTE = Duration.ofSeconds(20);
  private static final Duration IDLE_GAP = Duration.ofSeconds(15);
  private static final Duration TOTAL = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final SimulatorExtension SIM = Scenario.simulator("timeouts");

  private static TestGateway gateway;

  @BeforeAll
  static void start() {
    var config = TestGateway.config(SIM.simulator().apiBase(), Scenario.UPSTREAM_KEY, Scenario.ROUTES);
    gateway = TestGateway.start(config.withUpstream(config.upstream().withTimeouts(
        new UpstreamTimeouts(Duration.ofSeconds(5), FIRST_BYTE, IDLE_GAP, TOTAL))));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void anUpstreamThatSendsNothingGets504AfterTheFirstByteTimeout() throws Exception {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: hang}"));
    var pending = gateway.http.postAsync("/api/v1/chat/completions", CLIENT_KEY, chat(MODEL, false));
    eventually(() -> SIM.simulator().requestsInProgress() == 1);

    gateway.timers.advance(FIRST_BYTE.minusSeconds(1));
    assertThat(pending).isNotDone();
    gateway.timers.advance(Duration.ofSeconds(1));

    var reply = pending.get();
    assertThat(reply.status()).isEqualTo(504);
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("upstream_timeout");
    assertThat(reply.json().path("error").path("message").asText()).contains("first byte").contains("20s");
    eventually(() -> SIM.simulator().requestsInProgress() == 0); // the hung upstream request was abandoned
  }

  @Test
  void aStreamThatStallsEndsWithAnErrorChunkAfterTheIdleGap() throws Exception {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: stall, stream: true, after-chunks: 3}"));
    HttpResponse<InputStream> response = streamRequest();
    assertThat(response.statusCode()).isEqualTo(200);
    BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    List<String> data = new ArrayList<>();
    while (data.size() < 3) {
      String line = lines.readLine();
      if (line.startsWith("data: ")) {
        data.add(line);
      }
    }

    gateway.timers.advance(IDLE_GAP);

    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("data: ")) {
        data.add(line);
      }
    }
    JsonNode last = JSON.readTree(data.getLast().substring(6));
    assertThat(data).hasSize(4).noneMatch(d -> d.equals("data: [DONE]"));
    assertThat(last.path("error").path("code").asInt()).isEqualTo(504);
    assertThat(last.path("error").path("metadata").path("error_type").asText()).isEqualTo("upstream_timeout");
    assertThat(last.path("error").path("message").asText()).contains("idle gap");
    assertThat(last.path("model").asText()).isEqualTo(MODEL);
    assertThat(last.path("choices").path(0).path("finish_reason").asText()).isEqualTo("error");
    eventually(() -> SIM.simulator().requestsInProgress() == 0);
  }

  @Test
  void aClientThatLeavesWhileTheUpstreamIsSilentCancelsTheUpstreamRequest() throws Exception {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: hang}"));
    try (Socket socket = new Socket("127.0.0.1", gateway.gateway.port())) {
      sendRaw(socket, chat(MODEL, true));
      eventually(() -> SIM.simulator().requestsInProgress() == 1);
    }
    eventually(() -> SIM.simulator().requestsInProgress() == 0);
  }

  @Test
  void aClientThatLeavesMidStreamCancelsTheUpstreamRequest() throws Exception {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: stall, stream: true, after-chunks: 2}"));
    try (Socket socket = new Socket("127.0.0.1", gateway.gateway.port())) {
      sendRaw(socket, chat(MODEL, true));
      BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
    }
    eventually(() -> SIM.simulator().requestsInProgress() == 0);
  }

  private static HttpResponse<InputStream> streamRequest() throws Exception {
    HttpRequest request = gateway.http.builder("/api/v1/chat/completions", CLIENT_KEY, java.util.Map.of())
        .POST(HttpRequest.BodyPublishers.ofString(chat(MODEL, true))).build();
    return gateway.http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static void sendRaw(Socket socket, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /api/v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + CLIENT_KEY
        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** Waits for something the gateway does on its own threads (not for a timer: those are manual). */
  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(5);
    }
  }
}

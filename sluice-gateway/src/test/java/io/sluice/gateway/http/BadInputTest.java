package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.HttpTester.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a client can get a request wrong gets a clear JSON error, and nothing reaches the upstream. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadInputTest {

  private static RecordingUpstream upstream;
  private static TestGateway gateway;

  @BeforeAll
  static void start() {
    upstream = new RecordingUpstream();
    var config = TestGateway.config(upstream.apiBase(), "sk-or-v1-bad-input", Map.of());
    gateway = TestGateway.start(config.withServer(new io.sluice.gateway.config.ServerConfig(
        "127.0.0.1", 0, 4096L, Duration.ofSeconds(30), Duration.ofSeconds(60))));
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\":\"a/b\",                    | not valid JSON",
      "[1,2]                                  | must be a JSON object",
      "{\"model\":\"a/b\"} {\"x\":1}          | nothing after it",
      "{\"model\":42}                         | 'model' must be a model id",
      "{\"model\":\"a/b\",\"model\":\"c/d\"}  | not valid JSON: Duplicate field 'model'",
      "{\"model\":\"a/b\",\"stream\":\"yes\"} | 'stream' must be true or false",
      "''                                     | must be a JSON object",
  })
  void aBodyThatIsNotAUsableRequestGets400(String body, String message) {
    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json().path("error").path("message").asText()).contains(message);
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(reply.json().path("error").path("code").asInt()).isEqualTo(400);
    assertThat(upstream.chats()).isEmpty();
  }

  @Test
  void aBodyThatIsNotJsonByItsContentTypeGets415() {
    HttpRequest request = gateway.http.builder("/api/v1/chat/completions", CLIENT_KEY, Map.of())
        .setHeader("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"a/b\"}")).build();

    Reply reply = gateway.http.send(request);

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().path("error").path("message").asText())
        .contains("Content-Type: application/json").contains("application/x-www-form-urlencoded");
    assertThat(upstream.chats()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitGets413AndTheConnectionCloses() {
    String huge = "{\"model\":\"a/b\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";

    Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, huge);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().path("error").path("message").asText()).contains("4096 bytes");
    assertThat(upstream.chats()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitAnnouncedWithExpectContinueGets413WithoutBeingSent() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + CLIENT_KEY
          + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 413").contains("\"type\":\"request_too_large\"");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /api/v1/nothing, 404",
      "GET, /v2/chat/completions, 404",
      "DELETE, /api/v1/models, 405",
      "GET, /api/v1/chat/completions, 405",
  })
  void anUnknownPathOrMethodGetsAJsonError(String method, String path, int status) {
    HttpRequest request = gateway.http.builder(path, CLIENT_KEY, Map.of())
        .method(method, HttpRequest.BodyPublishers.noBody()).build();

    Reply reply = gateway.http.send(request);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.json().path("error").path("code").asInt()).isEqualTo(status);
    if (status == 405) {
      assertThat(reply.header("Allow")).isNotBlank();
      assertThat(reply.json().path("error").path("message").asText()).contains("use " + reply.header("Allow"));
    }
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "none, No API key",
      "Bearer sk-sluice-not-a-key-0000000000000000000000000000000000, Unknown API key",
      "Bearer sk-or-v1-0123456789abcdef0123456789abcdef, OpenRouter key",
      "Basic dXNlcjpwYXNz, ",
  })
  void aMissingOrWrongKeyGets401(String authorization, String message) {
    HttpRequest.Builder builder = gateway.http.builder("/api/v1/chat/completions", null, Map.of())
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"a/b\"}"));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }

    Reply reply = gateway.http.send(builder.build());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_api_key");
    if (message != null) {
      assertThat(reply.json().path("error").path("message").asText()).contains(message);
    }
    if (authorization != null) {
      assertThat(reply.body()).doesNotContain(authorization.substring(authorization.indexOf(' ') + 1));
    }
    assertThat(upstream.chats()).isEmpty();
  }

  @Test
  void malformedHttpGets400AndTheConnectionCloses() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\":400");
    }
  }

  @Test
  void anOverlongRequestLineGets414() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 414").contains("\"code\":414");
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestGets408AfterTheReadTimeout() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 50\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The read timer starts once the partial request is read; the connection's idle one is due later.
      TimeoutsAndCancellationTest.eventually(() -> gateway.timers.pendingWithin(Duration.ofSeconds(30)) == 1);

      gateway.timers.advance(Duration.ofSeconds(30));

      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 408").contains("\"type\":\"request_timeout\"");
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
      int length = 0;
      for (String line = reader.readLine(); !line.isEmpty(); line = reader.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      assertThat(reader.skip(length)).isEqualTo(length);
      // The idle timer restarts once the response is written; wait for it before moving time.
      TimeoutsAndCancellationTest.eventually(() -> gateway.timers.pendingWithin(Duration.ofSeconds(60)) == 1);

      gateway.timers.advance(Duration.ofSeconds(60));

      assertThat(reader.read()).isEqualTo(-1); // closed by the gateway
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (Socket socket = connect()) {
      String one = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
      String two = "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write((one + two).getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response.indexOf("HTTP/1.1 200")).isZero();
      assertThat(response.indexOf("HTTP/1.1 404")).isPositive();
    }
  }

  private static Socket connect() throws java.io.IOException {
    Socket socket = new Socket("127.0.0.1", gateway.gateway.port());
    socket.setSoTimeout(10_000); // a read that hangs fails the test instead of the build
    return socket;
  }
}

package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.simulator.ManualSimClock;
import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator at the socket level: whatever a client does to a connection (garbage, half
 * requests, lies about the body, floods, chunked bodies, vanishing), the server refuses with a 4xx
 * or closes, keeps serving, and leaks no connection; many clients at once are all served; and a
 * closed simulator leaves no thread behind.
 */
class ConnectionRobustnessTest {

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.preset("zero-latency");

  private static final String PATH = "/api/v1/chat/completions";
  private static final String BODY = """
      {"model":"sim/instant","messages":[{"role":"user","content":"Say hello"}]}""";
  private static final Duration PATIENCE = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private int baseline;

  @BeforeEach
  void noConnectionIsOpen() {
    awaitOpenConnections(SIM.simulator(), 0);
    baseline = SIM.simulator().openConnections();
  }

  private static String key() {
    return SIM.key("bench");
  }

  private static String chatHead(String extraHeaders) {
    return "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key()
        + "\r\nContent-Type: application/json\r\n" + extraHeaders;
  }

  // ---- malformed traffic --------------------------------------------------------------------

  @Test
  void garbageInsteadOfHttpIsRefusedWith4xxAndTheServerGoesOn() {
    List<byte[]> garbage = List.of(
        ascii("GET\r\n\r\n"),
        ascii("G E T / HTTP/1.1\r\n\r\n"),
        ascii("GET /sim/clock HTTP/1.1\r\n\r\n"),
        ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        ascii("\u0000\u0001\u0002\u0003\r\n\r\n"),
        new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xA5, 0x01, 0x00, 0x00, (byte) 0xA1, 0x03, 0x03, '\r', '\n', '\r', '\n'},
        ascii("POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
        ascii("POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n"),
        ascii("GET /sim/stats HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"));
    for (byte[] request : garbage) {
      String answer = exchange(request, false);

      assertThat(status(answer)).as("answer to %s", new String(request, StandardCharsets.ISO_8859_1))
          .isBetween(400, 499);
    }

    assertStillServesAndLeaksNothing();
  }

  /** Jetty's own answer, before any simulator code runs: the protocol's status for this, not a failure. */
  @Test
  void aRequestLineWithoutAKnownHttpVersionGets505AndTheServerGoesOn() {
    for (String request : List.of("HELLO WORLD\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/9.9\r\n\r\n")) {
      assertThat(status(exchange(ascii(request), false))).as("answer to %s", request).isEqualTo(505);
    }

    assertStillServesAndLeaksNothing();
  }

  @Test
  void aRequestLineWithoutTheEndOfItsHeadersGetsNoAnswerAndIsClosedWhenTheClientLeaves() {
    String answer = exchange(ascii("GET /sim/stats HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n"), true);
    try (Socket abandoned = connect()) {
      abandoned.getOutputStream().write(ascii("POST " + PATH + " HTTP/1.1\r\nHost: x\r\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    assertRefusedOrClosed(answer);
    assertStillServesAndLeaksNothing();
  }

  @Test
  void aBodyShorterThanItsContentLengthIsRefusedNotAServerError() {
    String halfClosed = exchange(ascii(chatHead("Content-Length: 1000\r\n\r\n") + BODY), true);
    sendAndClose(ascii(chatHead("Content-Length: 1000\r\n\r\n") + BODY));

    assertRefusedOrClosed(halfClosed);
    assertStillServesAndLeaksNothing();
  }

  @Test
  void aRefusalSentBeforeTheBodyArrivedTellsTheClientTheConnectionCloses() {
    String unauthenticated = "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY.length() + "\r\n\r\n";
    String wrongMethod = "PUT " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY.length() + "\r\n\r\n";

    String refused = exchange(ascii(unauthenticated), false);
    String notAllowed = exchange(ascii(wrongMethod), false);

    assertThat(status(refused)).isEqualTo(401);
    assertThat(refused).containsIgnoringCase("\r\nConnection: close\r\n");
    assertThat(status(notAllowed)).isEqualTo(405);
    assertThat(notAllowed).containsIgnoringCase("\r\nConnection: close\r\n");
    assertStillServesAndLeaksNothing();
  }

  @Test
  void aClientThatSendsHalfARequestAndLeavesLeavesNothingBehind() {
    String request = chatHead("Content-Length: " + BODY.length() + "\r\n\r\n") + BODY;
    for (int cut = 1; cut < request.length(); cut += 7) {
      sendAndClose(ascii(request.substring(0, cut)));
    }
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      silent.add(connect());
    }
    silent.forEach(ConnectionRobustnessTest::closeQuietly);

    assertStillServesAndLeaksNothing();
  }

  @Test
  void headerFloodsAreRefusedWith4xxOrClosed() {
    StringBuilder manyHeaders = new StringBuilder("GET /sim/stats HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 3_000; i++) {
      manyHeaders.append("X-Flood-").append(i).append(": ").append("v".repeat(20)).append("\r\n");
    }
    String hugeHeader = "GET /sim/stats HTTP/1.1\r\nHost: x\r\nX-Huge: " + "h".repeat(200_000) + "\r\n\r\n";
    String hugeUri = "GET /sim/stats?" + "q".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";

    assertRefusedOrClosed(exchange(ascii(manyHeaders + "\r\n"), false));
    assertRefusedOrClosed(exchange(ascii(hugeHeader), false));
    assertRefusedOrClosed(exchange(ascii(hugeUri), false));
    assertStillServesAndLeaksNothing();
  }

  @Test
  void aChunkedBodyIsServedLikeAnyOther() {
    String chunked = chatHead("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        + Integer.toHexString(10) + "\r\n" + BODY.substring(0, 10) + "\r\n"
        + Integer.toHexString(BODY.length() - 10) + "\r\n" + BODY.substring(10) + "\r\n0\r\n\r\n";

    String answer = exchange(ascii(chunked), false);

    assertThat(status(answer)).isEqualTo(200);
    assertThat(json(answer).path("object").asText()).isEqualTo("chat.completion");
    assertStillServesAndLeaksNothing();
  }

  @Test
  void aBadlyChunkedBodyIsRefusedNotAServerError() {
    String badSize = chatHead("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") + "ZZZ\r\n" + BODY
        + "\r\n0\r\n\r\n";
    String cutShort = chatHead("Transfer-Encoding: chunked\r\n\r\n") + "1000\r\n" + BODY;
    String bothLengths = chatHead("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n")
        + Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n";

    String bad = exchange(ascii(badSize), false);
    String cut = exchange(ascii(cutShort), true);
    String both = exchange(ascii(bothLengths), false);

    assertThat(status(bad)).isEqualTo(400);
    assertRefusedOrClosed(cut);
    assertThat(status(both)).isEqualTo(400);
    assertStillServesAndLeaksNothing();
  }

  @Test
  void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() {
    String first = "GET /sim/clock HTTP/1.1\r\nHost: x\r\n\r\n";
    String second = chatHead("Content-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n") + BODY;

    String answers = exchange(ascii(first + second), false);

    assertThat(answers).startsWith("HTTP/1.1 200");
    assertThat(answers.indexOf("\"epoch_ms\"")).isLessThan(answers.indexOf("\"chat.completion\""));
    assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
    assertStillServesAndLeaksNothing();
  }

  // ---- load and shutdown --------------------------------------------------------------------

  @Test
  void twoHundredConcurrentClientsAreAllServed() throws Exception {
    int clients = 200;
    try (HttpTester http = new HttpTester(SIM.simulator().baseUri(), Duration.ofSeconds(30));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Reply>>> replies = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String body = i % 4 == 0 ? BODY.replace("]}", "],\"stream\":true}") : BODY;
        replies.add(threads.submit(() -> List.of(http.post(PATH, key(), body), http.post(PATH, key(), body))));
      }
      for (Future<List<Reply>> reply : replies) {
        for (Reply one : reply.get(60, TimeUnit.SECONDS)) {
          assertThat(one.status()).isEqualTo(200);
          assertThat(one.body()).satisfiesAnyOf(
              b -> assertThat(b).contains("\"object\":\"chat.completion\""),
              b -> assertThat(b).endsWith("data: [DONE]\n\n"));
        }
      }
    }

    assertThat(SIM.simulator().stats("bench").successes()).isEqualTo(2L * clients);
    assertThat(SIM.simulator().stats("bench").attempts()).isEqualTo(2L * clients);
    awaitOpenConnections(SIM.simulator(), baseline);
  }

  @Test
  void aClosedSimulatorLeavesNoThreadNorListenerBehind() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Simulator simulator = Simulator.builder(Scenarios.preset("zero-latency"))
        .clock(new ManualSimClock(SimulatorExtension.DEFAULT_START)).port(0).threadName("closing").start();
    int port = simulator.port();
    try (HttpTester http = new HttpTester(simulator.baseUri())) {
      for (int i = 0; i < 20; i++) {
        assertThat(http.post(PATH, key(), BODY).status()).isEqualTo(200);
      }
    }
    simulator.injectFault(Scenarios.parseFault("{type: hang, stream: true}"));
    Socket hung = new Socket("127.0.0.1", port);
    hung.setSoTimeout((int) PATIENCE.toMillis());
    String streamBody = BODY.replace("]}", "],\"stream\":true}");
    hung.getOutputStream().write(ascii(chatHead("Content-Length: " + streamBody.length() + "\r\n\r\n") + streamBody));
    HttpTester keepAlive = new HttpTester(simulator.baseUri());
    assertThat(keepAlive.get("/sim/clock", null).status()).isEqualTo(200);
    awaitTrue("only the hung and the kept-alive connection to be open", () -> simulator.openConnections() == 2);

    long closing = System.nanoTime();
    simulator.close();
    Duration took = Duration.ofNanos(System.nanoTime() - closing);

    assertThat(took).as("close waits neither for the hung response nor the idle connection")
        .isLessThan(Duration.ofMillis(500));
    assertThat(readAll(hung)).doesNotContain("[DONE]");
    closeQuietly(hung);
    keepAlive.close();
    try {
      awaitTrue("the simulator's threads to end", () -> newThreads(before).isEmpty());
    } catch (AssertionError e) {
      assertThat(newThreads(before)).as("threads left behind").isEmpty();
    }
    awaitOpenConnections(simulator, 0);
    assertThat(refusesConnections(port)).as("port %d no longer accepts connections", port).isTrue();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static void assertStillServesAndLeaksNothing() {
    String answer = exchange(ascii(chatHead("Content-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n")
        + BODY), false);
    assertThat(status(answer)).as("a normal request afterwards").isEqualTo(200);
    assertThat(json(answer).path("choices").path(0).path("message").path("content").asText()).isNotBlank();
    awaitOpenConnections(SIM.simulator(), 0);
  }

  private static void assertRefusedOrClosed(String answer) {
    if (!answer.isEmpty()) {
      assertThat(status(answer)).as("answer: %s", answer).isBetween(400, 499);
    }
  }

  private static void awaitOpenConnections(Simulator simulator, int expected) {
    awaitTrue(expected + " open connections (now " + simulator.openConnections() + ")",
        () -> simulator.openConnections() == expected);
  }

  /** A bounded real-time wait for the server to get somewhere; fails after {@link #PATIENCE}. */
  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up after " + PATIENCE.toSeconds() + " s waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /**
   * Platform threads started since {@code before} that are still alive, but for the JDK's own pools
   * and the shared simulator's, which may grow while a test runs.
   */
  private static Set<String> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .filter(t -> t.getThreadGroup() == null || !Set.of("CarrierThreads", "InnocuousThreadGroup")
            .contains(t.getThreadGroup().getName()))
        .filter(t -> !t.getName().startsWith("ForkJoinPool.commonPool"))
        .filter(t -> !t.getName().startsWith("simulator-"))
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  private static boolean refusesConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PATIENCE.toMillis());
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Socket connect() {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", SIM.simulator().port()), (int) PATIENCE.toMillis());
      socket.setSoTimeout((int) PATIENCE.toMillis());
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code request} on a fresh connection (then half-closes when asked) and reads until the
   * server closes; a write the server cuts short by closing is fine, it answered or closed.
   */
  private static String exchange(byte[] request, boolean halfClose) {
    try (Socket socket = connect()) {
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (IOException serverClosedFirst) {
        // The server refused before reading everything; what it sent is still to be read.
      }
      return readAll(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sendAndClose(byte[] request) {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything until the server closes; a reset after some bytes ends the read like a close. */
  private static String readAll(Socket socket) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16_384];
    InputStream in = socket.getInputStream();
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed within " + PATIENCE + "; got: "
          + out.toString(StandardCharsets.ISO_8859_1), e);
    } catch (IOException reset) {
      // Connection reset: the server closed with unread input; what arrived before counts.
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int status(String answer) {
    assertThat(answer).as("an HTTP answer").startsWith("HTTP/1.1 ");
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static JsonNode json(String answer) {
    try {
      return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + answer, e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that was asked.
    }
  }
}

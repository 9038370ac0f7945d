package io.sluice.simulator.http;

import static io.sluice.simulator.http.StreamingTestSupport.HEARTBEAT;
import static io.sluice.simulator.http.StreamingTestSupport.PATH;
import static io.sluice.simulator.http.StreamingTestSupport.awaitNoSleepers;
import static io.sluice.simulator.http.StreamingTestSupport.awaitParked;
import static io.sluice.simulator.http.StreamingTestSupport.body;
import static io.sluice.simulator.http.StreamingTestSupport.content;
import static io.sluice.simulator.http.StreamingTestSupport.contentChunks;
import static io.sluice.simulator.http.StreamingTestSupport.eventually;
import static io.sluice.simulator.http.StreamingTestSupport.isJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.simulator.http.StreamingTestSupport.Live;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every delivery fault as a client sees it over real HTTP, plain and streaming, and how /sim/stats counts it. */
@Timeout(10)
class DeliveryFaultsTest {

  private static final String SCENARIO = """
      name: delivery-faults
      seed: 3
      streaming: {heartbeat: 1s}
      accounts:
        - id: acct-faults
          credits: 1000
          purchased: 1000
          keys: [{key: sk-or-v1-test-faults, label: f}]
      models:
        - id: sim/steady
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 10, max: 10}
          providers: [{name: Steady}]
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "delivery-faults"));

  /** A simulator only for tests that count connections, reached only by clients those tests close. */
  @RegisterExtension
  static final SimulatorExtension ALONE = SimulatorExtension.of(Scenarios.parse(SCENARIO, "delivery-faults-alone"));

  private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  private static final String PLAIN = body("sim/steady", "Tell me about faults", "");
  private static final String STREAM = body("sim/steady", "Tell me about faults", "\"stream\":true");

  private static void inject(String yaml) {
    SIM.simulator().injectFault(Scenarios.parseFault(yaml));
  }

  private static Reply post(String body) {
    return SIM.http().post(PATH, SIM.key("f"), body);
  }

  private static Map<String, Long> errors() {
    return SIM.simulator().stats("f").errors();
  }

  private static void awaitError(String cause, long count) {
    awaitError(SIM, cause, count);
  }

  private static void awaitError(SimulatorExtension sim, String cause, long count) {
    eventually(Duration.ofSeconds(5), () -> sim.simulator().stats("f").errors().getOrDefault(cause, 0L) == count,
        "/sim/stats counts " + count + " " + cause);
  }

  private static void awaitNoConnections(SimulatorExtension sim) {
    eventually(Duration.ofSeconds(5), () -> sim.simulator().openConnections() == 0, "every connection is closed");
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private static void awaitSuccesses(long count) {
    eventually(Duration.ofSeconds(5), () -> SIM.simulator().stats("f").successes() == count,
        "/sim/stats counts " + count + " successes");
  }

  private static String wholeContent() {
    SIM.simulator().clearFaults();
    return post(PLAIN).json().get("choices").get(0).get("message").get("content").asText();
  }

  private static HttpRequest request(String body, Duration timeout) {
    return request(SIM, body, timeout);
  }

  private static HttpRequest request(SimulatorExtension sim, String body, Duration timeout) {
    return sim.http().builder(PATH, sim.key("f"), Map.of()).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  @AfterEach
  void nothingStaysParked() {
    awaitNoSleepers(SIM);
    awaitNoSleepers(ALONE);
  }

  // ---- slow-first-token ---------------------------------------------------------------------

  @Test
  void slowFirstTokenHoldsAPlainResponseUntilTheClockPassesTheDelay() throws Exception {
    inject("{type: slow-first-token, delay: 5s}");

    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("f"), PLAIN);
    awaitParked(SIM);
    SIM.clock().advance(Duration.ofMillis(4999));
    awaitParked(SIM);
    assertThat(reply).isNotDone();
    SIM.clock().advance(Duration.ofMillis(1));

    Reply done = reply.get(5, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    awaitSuccesses(1);
  }

  @Test
  void slowFirstTokenKeepsAStreamOnHeartbeatsUntilTheDelayPasses() throws Exception {
    inject("{type: slow-first-token, delay: 5s}");

    try (Live stream = Live.open(SIM, "f", STREAM)) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      assertThat(stream.next()).isEqualTo(new SseEvent(true, HEARTBEAT));
      awaitParked(SIM);
      assertThat(stream.quiet()).isTrue();
      SIM.clock().advance(Duration.ofSeconds(5));
      List<SseEvent> events = stream.rest();

      assertThat(stream.seen().stream().filter(SseEvent::comment)).as("heartbeats at 0s to 4s").hasSize(5);
      assertThat(events.stream().dropWhile(SseEvent::comment)).noneMatch(SseEvent::comment);
      assertThat(contentChunks(events)).hasSize(10);
      assertThat(events.getLast().done()).isTrue();
    }
  }

  // ---- stall --------------------------------------------------------------------------------

  @Test
  void aStallHoldsTheStreamAfterItsChunksUntilTheClockAdvances() throws Exception {
    String whole = wholeContent();
    awaitSuccesses(1);
    SIM.simulator().injectFault(FaultSpec.of("stall").afterChunks(3).withDelay(Duration.ofSeconds(10)));

    try (Live stream = Live.open(SIM, "f", STREAM)) {
      List<SseEvent> before = stream.next(4);
      awaitParked(SIM);
      assertThat(contentChunks(before)).hasSize(3);
      assertThat(stream.quiet()).isTrue();
      SIM.clock().advance(Duration.ofMillis(9999));
      awaitParked(SIM);
      assertThat(stream.quiet()).isTrue();
      assertThat(SIM.simulator().stats("f").successes()).as("only the request without the stall").isEqualTo(1);
      SIM.clock().advance(Duration.ofMillis(1));
      List<SseEvent> after = stream.rest();

      assertThat(contentChunks(after)).hasSize(7);
      assertThat(after.getLast().done()).isTrue();
      assertThat(content(stream.seen())).isEqualTo(whole);
    }
    awaitSuccesses(2);
  }

  @Test
  void aStallHoldsAPlainBodyHalfwayUntilTheClockAdvances() throws Exception {
    SIM.simulator().injectFault(FaultSpec.of("stall").withDelay(Duration.ofSeconds(10)));

    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("f"), PLAIN);
    awaitParked(SIM);
    assertThat(reply).isNotDone();
    SIM.clock().advance(Duration.ofSeconds(10));

    Reply done = reply.get(5, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    assertThat(done.header("Content-Length")).isEqualTo(Integer.toString(done.body().length()));
  }

  @Test
  void aStallWithoutDelayHoldsUntilTheClientLeavesWhileOthersAreServed() throws Exception {
    ALONE.simulator().injectFault(Scenarios.parseFault("{type: stall, stream: true, after-chunks: 2}"));

    try (HttpClient client = newClient()) {
      Live stream = Live.open(client, ALONE, "f", STREAM);
      assertThat(contentChunks(stream.next(3))).hasSize(2);
      awaitParked(ALONE);
      assertThat(ALONE.simulator().openConnections()).isEqualTo(1);
      try (HttpClient other = newClient()) {
        HttpResponse<String> served = other.send(request(ALONE, PLAIN, Duration.ofSeconds(5)),
            HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).as("served while a stream is stalled").isEqualTo(200);
      }
      ALONE.clock().advance(Duration.ofDays(1));
      awaitParked(ALONE);
      assertThat(stream.quiet()).as("a stall without delay outlasts any clock").isTrue();
      stream.close();
    }

    awaitNoSleepers(ALONE);
    awaitNoConnections(ALONE);
    awaitError(ALONE, "client-gone", 1);
    assertThat(ALONE.simulator().stats("f").successes()).isEqualTo(1);
  }

  // ---- resets and truncation ----------------------------------------------------------------

  @Test
  void resetBeforeHeadersGivesThePlainClientAnIoErrorAndNoStatus() {
    SIM.simulator().injectFault(FaultSpec.of("reset-before-headers"));

    assertThatThrownBy(() -> post(PLAIN)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    awaitError("reset-before-headers", 1);
    assertThat(SIM.simulator().stats("f").successes()).isZero();
  }

  @Test
  void resetBeforeHeadersGivesTheStreamingClientAnIoErrorAndNoStatus() {
    SIM.simulator().injectFault(FaultSpec.of("reset-before-headers"));

    assertThatThrownBy(() -> SIM.http().client().send(request(STREAM, Duration.ofSeconds(5)),
        HttpResponse.BodyHandlers.ofInputStream())).isInstanceOf(IOException.class);
    awaitError("reset-before-headers", 1);
  }

  @Test
  void resetMidBodyBreaksAStreamAfterSomeChunksWithoutDone() throws Exception {
    SIM.simulator().injectFault(FaultSpec.of("stall").afterChunks(4).withDelay(Duration.ofSeconds(1)));
    SIM.simulator().injectFault(FaultSpec.of("reset-mid-body").afterChunks(4));

    try (Live stream = Live.open(SIM, "f", STREAM)) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      List<SseEvent> before = stream.next(5);
      awaitParked(SIM);
      SIM.clock().advance(Duration.ofSeconds(1));
      List<SseEvent> after = stream.rest();

      assertThat(contentChunks(before)).hasSize(4);
      assertThat(after).as("nothing after the reset").isEmpty();
      assertThat(stream.failure()).as("the connection broke, it did not end").isNotNull();
    }
    awaitError("reset-mid-body", 1);
  }

  @Test
  void resetMidBodyLeavesAPlainBodyShortOfItsContentLength() {
    SIM.simulator().injectFault(FaultSpec.of("reset-mid-body"));

    assertThatThrownBy(() -> post(PLAIN)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    awaitError("reset-mid-body", 1);
  }

  @Test
  void truncatedBodyEndsAStreamCleanlyWithoutFinishUsageOrDone() throws Exception {
    SIM.simulator().injectFault(FaultSpec.of("truncated-body").afterChunks(4));

    try (Live stream = Live.open(SIM, "f", STREAM)) {
      List<SseEvent> events = stream.rest();

      assertThat(stream.failure()).as("the stream ends cleanly").isNull();
      assertThat(stream.ended()).isTrue();
      List<SseEvent> data = events.stream().filter(e -> !e.comment()).toList();
      assertThat(data).hasSize(4).noneMatch(SseEvent::done);
      assertThat(data).allMatch(e -> !e.json().has("usage")
          && e.json().get("choices").get(0).get("finish_reason").isNull());
    }
    awaitError("truncated-body", 1);
  }

  @Test
  void truncatedBodyLeavesAPlainBodyShortOfItsContentLength() {
    SIM.simulator().injectFault(FaultSpec.of("truncated-body"));

    assertThatThrownBy(() -> post(PLAIN)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    awaitError("truncated-body", 1);
  }

  // ---- malformed JSON -----------------------------------------------------------------------

  @Test
  void malformedJsonSendsAPlainOkWhoseBodyIsNotJson() {
    SIM.simulator().injectFault(FaultSpec.of("malformed-json"));

    Reply reply = post(PLAIN);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.body()).startsWith("{\"id\":\"gen-");
    assertThat(isJson(reply.body())).isFalse();
    awaitError("malformed-json", 1);
    assertThat(SIM.simulator().stats("f").successes()).isZero();
  }

  @Test
  void malformedJsonBreaksOneDataLineOfAStream() {
    SIM.simulator().injectFault(FaultSpec.of("malformed-json").afterChunks(3));

    List<SseEvent> events = post(STREAM).events();

    List<SseEvent> data = events.stream().filter(e -> !e.comment() && !e.done()).toList();
    assertThat(data.stream().filter(e -> !isJson(e.text()))).hasSize(1);
    assertThat(isJson(data.get(3).text())).as("the fourth data line is the broken one").isFalse();
    assertThat(data.subList(0, 3)).allMatch(e -> isJson(e.text()));
    awaitError("malformed-json", 1);
    assertThat(SIM.simulator().stats("f").successes()).as("a damaged stream is no success").isZero();

    SIM.simulator().clearFaults();
    String whole = post(PLAIN).json().get("choices").get(0).get("message").get("content").asText();
    String streamed = data.stream().filter(e -> isJson(e.text()) && !e.json().get("choices").isEmpty())
        .map(e -> e.json().get("choices").get(0).get("delta").get("content").asText())
        .collect(java.util.stream.Collectors.joining());
    assertThat(streamed).as("the broken line is framed: no content chunk is lost after it").isEqualTo(whole);
  }

  // ---- hang ---------------------------------------------------------------------------------

  @Test
  void hangSendsNoHeadersUntilThePlainClientTimesOut() {
    ALONE.simulator().injectFault(FaultSpec.of("hang"));

    try (HttpClient client = newClient()) {
      assertThatThrownBy(() -> client.send(request(ALONE, PLAIN, Duration.ofMillis(300)),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
    }

    awaitNoSleepers(ALONE);
    awaitNoConnections(ALONE);
    awaitError(ALONE, "client-gone", 1);
  }

  @Test
  void hangSendsNoHeadersUntilTheStreamingClientTimesOut() {
    SIM.simulator().injectFault(FaultSpec.of("hang"));

    assertThatThrownBy(() -> SIM.http().client().send(request(STREAM, Duration.ofMillis(300)),
        HttpResponse.BodyHandlers.ofInputStream())).isInstanceOf(HttpTimeoutException.class);

    awaitNoSleepers(SIM);
    awaitError("client-gone", 1);
  }

  @Test
  void aHangWithADelayAnswersWholeOnceTheClockPassesIt() throws Exception {
    inject("{type: hang, delay: 2m}");

    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("f"), PLAIN);
    awaitParked(SIM);
    assertThat(reply).isNotDone();
    SIM.clock().advance(Duration.ofMinutes(2));

    assertThat(reply.get(5, TimeUnit.SECONDS).json().get("choices").get(0).get("finish_reason").asText())
        .isEqualTo("stop");
    awaitSuccesses(1);
  }

  @Test
  void aPlainBodyStalledWithoutDelayIsDroppedWhenTheClientLeaves() throws Exception {
    inject("{type: stall, stream: false}");

    try (Live plain = Live.open(SIM, "f", PLAIN)) {
      assertThat(plain.response.statusCode()).isEqualTo(200);
      assertThat(plain.response.headers().firstValue("Content-Length")).isPresent();
      awaitParked(SIM);
    }

    awaitNoSleepers(SIM);
    awaitError("client-gone", 1);
  }

  // ---- errors inside a 200 ------------------------------------------------------------------

  @Test
  void errorInBodySendsAnOkWithATopLevelErrorAndNoChoices() {
    SIM.simulator().injectFault(FaultSpec.of("error-in-body"));

    Reply reply = post(PLAIN);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.has("choices")).isFalse();
    assertThat(json.get("error").get("code").asInt()).isEqualTo(429);
    assertThat(json.get("error").get("message").asText()).isNotBlank();
    assertThat(json.get("user_id").asText()).isEqualTo("user_acct-faults");
    awaitError("error-in-body", 1);
  }

  @Test
  void errorInBodyChoicesFormFinishesTheChoiceWithAnErrorAndPartialContent() {
    SIM.simulator().injectFault(FaultSpec.of("error-in-body").withForm("choices").withStatus(502, "Upstream died"));

    JsonNode json = post(PLAIN).json();

    JsonNode choice = json.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("error");
    assertThat(choice.get("error").get("code").asInt()).isEqualTo(502);
    assertThat(choice.get("error").get("message").asText()).isEqualTo("Upstream died");
    String partial = choice.get("message").get("content").asText();
    assertThat(json.get("usage").get("completion_tokens").asInt()).isEqualTo(CL100K.countTokens(partial)).isBetween(1, 9);
    assertThat(json.get("id").asText()).startsWith("gen-");
  }

  @Test
  void errorInBodyInAStreamIsAnEventWithATopLevelErrorAndNoChoices() {
    SIM.simulator().injectFault(FaultSpec.of("error-in-body").afterChunks(2));

    List<SseEvent> events = post(STREAM).events();

    assertThat(contentChunks(events)).hasSize(2);
    JsonNode last = events.getLast().json();
    assertThat(last.has("choices")).isFalse();
    assertThat(last.get("error").get("code").isNumber()).isTrue();
    assertThat(last.get("user_id").asText()).isEqualTo("user_acct-faults");
    awaitError("error-in-body", 1);
  }

  @Test
  void midStreamErrorWithChoicesEndsTheStreamWithAnErrorFinishAndNoDone() {
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error").afterChunks(3).withStatus(429, null));

    Reply reply = post(STREAM);
    List<SseEvent> events = reply.events();

    assertThat(contentChunks(events)).hasSize(3);
    assertThat(events).noneMatch(SseEvent::done);
    JsonNode last = events.getLast().json();
    assertThat(last.get("id").asText()).isEqualTo(reply.header("X-Generation-Id"));
    assertThat(last.get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(last.get("provider").asText()).isEqualTo("Steady");
    assertThat(last.get("error").get("code").asInt()).isEqualTo(429);
    assertThat(last.get("error").get("message").asText()).isEqualTo("sim/steady is temporarily rate-limited upstream.");
    assertThat(last.get("error").get("metadata").get("error_type").asText()).isEqualTo("rate_limit_exceeded");
    JsonNode choice = last.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("error");
    assertThat(choice.get("delta").get("content").asText()).isEmpty();
    awaitError("mid-stream-error", 1);
    assertThat(SIM.simulator().stats("f").successes()).isZero();
  }

  @Test
  void midStreamErrorWithoutChoicesSendsOnlyTheErrorAndUserId() {
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error").afterChunks(5).withForm("no-choices"));

    List<SseEvent> events = post(STREAM).events();

    assertThat(contentChunks(events)).hasSize(5);
    assertThat(events).noneMatch(SseEvent::done);
    JsonNode last = events.getLast().json();
    assertThat(last.has("choices")).isFalse();
    assertThat(last.get("error").get("code").isInt()).isTrue();
    assertThat(last.get("error").get("message").asText()).isNotBlank();
    assertThat(last.get("user_id").asText()).isEqualTo("user_acct-faults");
  }

  @Test
  void midStreamErrorWithAStringCodeSaysSoInTheCode() {
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error").afterChunks(1).withForm("string-code"));

    List<SseEvent> events = post(STREAM).events();

    assertThat(contentChunks(events)).hasSize(1);
    assertThat(events).noneMatch(SseEvent::done);
    JsonNode last = events.getLast().json();
    assertThat(last.get("error").get("code").isTextual()).isTrue();
    assertThat(last.get("error").get("code").asText()).isEqualTo("server_error");
    assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("error");
  }

  @Test
  void midStreamErrorOnAPlainRequestFinishesTheChoiceWithAnError() {
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error"));

    Reply reply = post(PLAIN);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode choice = reply.json().get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("error");
    assertThat(choice.get("error").get("code").asInt()).isEqualTo(502);
  }

  // ---- composition and stats ----------------------------------------------------------------

  @Test
  void aSlowFirstTokenAndAMidStreamErrorStrikeTheSameStream() throws Exception {
    inject("{type: slow-first-token, delay: 3s}");
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error").afterChunks(2));

    try (Live stream = Live.open(SIM, "f", STREAM)) {
      assertThat(stream.next()).isEqualTo(new SseEvent(true, HEARTBEAT));
      awaitParked(SIM);
      for (int second = 1; second < 3; second++) {
        SIM.clock().advance(Duration.ofSeconds(1));
        assertThat(stream.next()).isEqualTo(new SseEvent(true, HEARTBEAT));
      }
      SIM.clock().advance(Duration.ofSeconds(1));
      List<SseEvent> events = stream.rest();

      assertThat(stream.failure()).isNull();
      assertThat(contentChunks(events)).hasSize(2);
      assertThat(events).hasSize(3).noneMatch(SseEvent::done);
      assertThat(events.getLast().json().get("choices").get(0).get("finish_reason").asText()).isEqualTo("error");
    }
    awaitError("mid-stream-error", 1);
    assertThat(errors()).hasSize(1);
  }

  @Test
  void statsCountBrokenDeliveriesByFaultAndOnlyWholeResponsesAsSuccesses() {
    assertThat(post(STREAM).events().getLast().done()).isTrue();
    SIM.simulator().injectFault(FaultSpec.of("truncated-body").afterChunks(2));
    post(STREAM);
    SIM.simulator().clearFaults();
    SIM.simulator().injectFault(FaultSpec.of("mid-stream-error").afterChunks(2));
    post(STREAM);
    post(PLAIN);
    SIM.simulator().clearFaults();
    SIM.simulator().injectFault(FaultSpec.of("reset-before-headers"));
    assertThatThrownBy(() -> post(PLAIN)).isInstanceOf(UncheckedIOException.class);
    awaitError("reset-before-headers", 1);

    JsonNode stats = SIM.http().get("/sim/stats", null).json().get("keys").get("f");

    assertThat(stats.get("attempts").asInt()).isEqualTo(5);
    assertThat(stats.get("successes").asInt()).isEqualTo(1);
    JsonNode errors = stats.get("errors");
    assertThat(errors.get("truncated-body").asInt()).isEqualTo(1);
    assertThat(errors.get("mid-stream-error").asInt()).isEqualTo(2);
    assertThat(errors.get("reset-before-headers").asInt()).isEqualTo(1);
    assertThat(errors.size()).isEqualTo(3);
  }
}

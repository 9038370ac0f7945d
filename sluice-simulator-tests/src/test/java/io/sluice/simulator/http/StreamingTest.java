package io.sluice.simulator.http;

import static io.sluice.simulator.http.StreamingTestSupport.HEARTBEAT;
import static io.sluice.simulator.http.StreamingTestSupport.PATH;
import static io.sluice.simulator.http.StreamingTestSupport.awaitNoSleepers;
import static io.sluice.simulator.http.StreamingTestSupport.awaitParked;
import static io.sluice.simulator.http.StreamingTestSupport.body;
import static io.sluice.simulator.http.StreamingTestSupport.content;
import static io.sluice.simulator.http.StreamingTestSupport.contentChunks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.simulator.http.StreamingTestSupport.Live;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SSE exactly as OpenRouter sends it, the content and usage it carries, and its timing on the simulated clock. */
@Timeout(10)
class StreamingTest {

  private static final String SCENARIO = """
      name: streaming
      seed: 5
      streaming: {heartbeat: 1s%s}
      accounts:
        - id: acct-stream
          credits: 1000
          purchased: 1000
          keys: [{key: sk-or-v1-test-stream, label: s}]
      models:
        - id: sim/instant
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 30, max: 60}
          providers: [{name: Instant}]
        - id: sim/slow
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 6, max: 6}
          providers: [{name: Slowpoke, latency: {first-token: 2500ms, tokens-per-second: 4}}]
        - id: sim/paced
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 6, max: 6}
          providers: [{name: Steady, latency: {tokens-per-second: 4}}]
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO.formatted(""), "streaming"));

  /** The usage form seen in 2026 captures, three tokens a chunk. */
  @RegisterExtension
  static final SimulatorExtension CAPTURED = SimulatorExtension.of(Scenarios.parse(
      SCENARIO.formatted(", usage-chunk: with-choices, tokens-per-chunk: 3"), "streaming-captured"));

  private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  private static final Duration PACE = Duration.ofMillis(250);

  private static String request(String model, String prompt) {
    return body(model, prompt, "");
  }

  private static String streamed(String model, String prompt) {
    return body(model, prompt, "\"stream\":true");
  }

  @AfterEach
  void nothingStaysParked() {
    awaitNoSleepers(SIM);
    awaitNoSleepers(CAPTURED);
  }

  @Test
  void everyChunkCarriesTheSameGenerationIdProviderModelAndChunkObject() {
    Reply reply = SIM.http().post(PATH, SIM.key("s"), streamed("sim/instant", "Describe a queue"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
    String id = reply.header("X-Generation-Id");
    assertThat(id).matches("gen-\\d+-[A-Za-z0-9]{20}");
    List<SseEvent> events = reply.events();
    assertThat(events.getFirst()).isEqualTo(new SseEvent(true, HEARTBEAT));
    List<SseEvent> data = events.stream().filter(e -> !e.comment() && !e.done()).toList();
    assertThat(data).hasSizeGreaterThan(3);
    for (SseEvent event : data) {
      JsonNode chunk = event.json();
      assertThat(chunk.get("id").asText()).isEqualTo(id);
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("provider").asText()).isEqualTo("Instant");
      assertThat(chunk.get("model").asText()).isEqualTo("sim/instant");
      assertThat(chunk.get("created").isIntegralNumber()).isTrue();
    }
  }

  @Test
  void concatenatedDeltasEqualTheNonStreamedContentOfTheSameRequest() {
    String plain = SIM.http().post(PATH, SIM.key("s"), request("sim/instant", "Explain retries"))
        .json().get("choices").get(0).get("message").get("content").asText();

    List<SseEvent> events = SIM.http().post(PATH, SIM.key("s"), streamed("sim/instant", "Explain retries")).events();

    assertThat(plain).isNotBlank();
    assertThat(content(events)).isEqualTo(plain);
  }

  @Test
  void theDocumentedStreamEndsWithAFinishChunkThenUsageWithEmptyChoicesThenDone() {
    JsonNode whole = SIM.http().post(PATH, SIM.key("s"), request("sim/instant", "Explain limits")).json();

    List<SseEvent> events = SIM.http().post(PATH, SIM.key("s"), streamed("sim/instant", "Explain limits")).events();

    assertThat(events.getLast().done()).isTrue();
    JsonNode finish = events.get(events.size() - 3).json();
    assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    assertThat(finish.get("choices").get(0).get("delta").get("content").asText()).isEmpty();
    assertThat(finish.has("usage")).isFalse();
    JsonNode last = events.get(events.size() - 2).json();
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.get("usage")).isEqualTo(whole.get("usage"));
    List<JsonNode> chunks = contentChunks(events);
    assertThat(chunks).hasSize(whole.get("usage").get("completion_tokens").asInt());
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    assertThat(events.stream().filter(SseEvent::done)).hasSize(1);
  }

  @Test
  void theCapturedFormRepeatsTheFinishChoiceNextToUsageInTheLastChunk() {
    JsonNode whole = CAPTURED.http().post(PATH, CAPTURED.key("s"), request("sim/instant", "Explain limits")).json();

    List<SseEvent> events = CAPTURED.http()
        .post(PATH, CAPTURED.key("s"), streamed("sim/instant", "Explain limits")).events();

    assertThat(events.getLast().done()).isTrue();
    JsonNode finish = events.get(events.size() - 3).json();
    assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    assertThat(finish.has("usage")).isFalse();
    JsonNode last = events.get(events.size() - 2).json();
    assertThat(last.get("choices")).hasSize(1);
    assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    assertThat(last.get("choices").get(0).get("delta").get("content").asText()).isEmpty();
    assertThat(last.get("usage")).isEqualTo(whole.get("usage"));
    assertThat(events.stream().filter(e -> !e.comment() && !e.done() && e.json().has("usage"))).hasSize(1);
  }

  @Test
  void eachContentChunkCarriesTokensPerChunkTokens() {
    List<SseEvent> events = CAPTURED.http()
        .post(PATH, CAPTURED.key("s"), streamed("sim/instant", "Explain chunking")).events();

    List<JsonNode> chunks = contentChunks(events);
    int completionTokens = events.get(events.size() - 2).json().get("usage").get("completion_tokens").asInt();
    assertThat(chunks).hasSize((completionTokens + 2) / 3);
    List<Integer> tokens = chunks.stream()
        .map(c -> CL100K.countTokens(c.get("choices").get(0).get("delta").get("content").asText())).toList();
    assertThat(tokens.subList(0, tokens.size() - 1)).containsOnly(3);
    assertThat(tokens.getLast()).isBetween(1, 3);
    assertThat(tokens.stream().mapToInt(Integer::intValue).sum()).isEqualTo(completionTokens);
  }

  @Test
  void maxTokensBelowTheNaturalLengthStopsWithLengthAndBillsExactlyMaxTokens() {
    JsonNode plain = SIM.http().post(PATH, SIM.key("s"),
        body("sim/instant", "Write a long story", "\"max_tokens\":7")).json();
    List<SseEvent> events = SIM.http().post(PATH, SIM.key("s"),
        body("sim/instant", "Write a long story", "\"max_tokens\":7,\"stream\":true")).events();

    JsonNode choice = plain.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
    assertThat(choice.get("native_finish_reason").asText()).isEqualTo("length");
    assertThat(plain.get("usage").get("completion_tokens").asInt()).isEqualTo(7);
    assertThat(CL100K.countTokens(choice.get("message").get("content").asText())).isEqualTo(7);
    JsonNode finish = events.get(events.size() - 3).json();
    assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
    assertThat(events.get(events.size() - 2).json().get("usage").get("completion_tokens").asInt()).isEqualTo(7);
    assertThat(contentChunks(events)).hasSize(7);
  }

  @Test
  void usageCountsWhatARealTokenizerCountsInTheContentAndThePrompt() {
    for (String prompt : List.of("hi", "Explain backoff", "Why do gateways retry on 429?", "List three colours",
        "Summarise the plan for the next sprint in detail")) {
      JsonNode json = SIM.http().post(PATH, SIM.key("s"), request("sim/instant", prompt)).json();
      List<SseEvent> events = SIM.http().post(PATH, SIM.key("s"), streamed("sim/instant", prompt)).events();

      JsonNode usage = json.get("usage");
      String text = json.get("choices").get(0).get("message").get("content").asText();
      assertThat(usage.get("completion_tokens").asInt()).as(prompt).isEqualTo(CL100K.countTokens(text));
      assertThat(usage.get("prompt_tokens").asInt()).as(prompt)
          .isEqualTo(3 + 3 + CL100K.countTokens("user") + CL100K.countTokens(prompt));
      assertThat(usage.get("total_tokens").asInt())
          .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
      JsonNode streamedUsage = events.get(events.size() - 2).json().get("usage");
      assertThat(streamedUsage.get("completion_tokens").asInt()).isEqualTo(CL100K.countTokens(content(events)));
    }
  }

  @Test
  void theSameRequestTwiceGetsTheSameContentUnderADifferentId() {
    JsonNode first = SIM.http().post(PATH, SIM.key("s"), request("sim/instant", "Name a colour")).json();
    JsonNode second = SIM.http().post(PATH, SIM.key("s"), request("sim/instant", "Name a colour")).json();
    JsonNode other = SIM.http().post(PATH, SIM.key("s"), request("sim/instant", "Name a fruit")).json();

    assertThat(second.get("choices")).isEqualTo(first.get("choices"));
    assertThat(second.get("usage")).isEqualTo(first.get("usage"));
    assertThat(second.get("id")).isNotEqualTo(first.get("id"));
    assertThat(other.get("choices").get(0).get("message").get("content"))
        .isNotEqualTo(first.get("choices").get(0).get("message").get("content"));
  }

  @Test
  void oneCommentIsSentAtOnceAndAnotherEveryHeartbeatUntilTheFirstToken() throws Exception {
    try (Live stream = Live.open(SIM, "s", streamed("sim/slow", "Wait for it"))) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      assertThat(stream.next()).isEqualTo(new SseEvent(true, HEARTBEAT));
      awaitParked(SIM);
      assertThat(stream.quiet()).isTrue();

      SIM.clock().advance(Duration.ofSeconds(1));
      assertThat(stream.next()).as("a second heartbeat, not a token, at 1s").isEqualTo(new SseEvent(true, HEARTBEAT));
      SIM.clock().advance(Duration.ofSeconds(1));
      assertThat(stream.next()).as("a third heartbeat, not a token, at 2s").isEqualTo(new SseEvent(true, HEARTBEAT));
      awaitParked(SIM);
      assertThat(stream.quiet()).isTrue();
      SIM.clock().advance(Duration.ofMillis(500));
      SseEvent first = stream.next();

      assertThat(first.comment()).isFalse();
      assertThat(first.json().get("choices").get(0).get("delta").get("content").asText()).isNotEmpty();
      for (int i = 0; i < 5; i++) {
        SIM.clock().advance(PACE);
        assertThat(stream.next().comment()).isFalse();
      }
      List<SseEvent> rest = stream.rest();
      assertThat(rest).noneMatch(SseEvent::comment);
      assertThat(rest.getLast().done()).isTrue();
      assertThat(stream.seen().stream().filter(SseEvent::comment)).hasSize(3);
    }
  }

  @Test
  void advancingPastTheWholeGenerationAtOnceReleasesTheWholeStream() throws Exception {
    try (Live stream = Live.open(SIM, "s", streamed("sim/slow", "All at once"))) {
      assertThat(stream.next()).isEqualTo(new SseEvent(true, HEARTBEAT));
      awaitParked(SIM);

      SIM.clock().advance(Duration.ofMillis(2500).plus(PACE.multipliedBy(5)));
      List<SseEvent> events = stream.rest();

      assertThat(stream.failure()).isNull();
      assertThat(events.getLast().done()).isTrue();
      assertThat(stream.seen().stream().filter(SseEvent::comment)).as("heartbeats at 0s, 1s and 2s").hasSize(3);
      assertThat(contentChunks(events)).hasSize(6);
    }
  }

  @Test
  void aPlainResponseArrivesOnlyAfterTheFirstTokenAndTheWholeGeneration() throws Exception {
    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("s"), request("sim/slow", "Be slow"));
    awaitParked(SIM);
    assertThat(reply).isNotDone();

    SIM.clock().advance(Duration.ofMillis(2500));
    awaitParked(SIM);
    assertThat(reply).as("six tokens at four a second are still being generated").isNotDone();
    SIM.clock().advance(PACE.multipliedBy(6));

    Reply done = reply.get(5, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().get("usage").get("completion_tokens").asInt()).isEqualTo(6);
  }

  @Test
  void streamChunksArePacedByTokensPerSecond() throws Exception {
    Instant start = SIM.clock().now();
    try (Live stream = Live.open(SIM, "s", streamed("sim/paced", "Pace yourself"))) {
      List<SseEvent> opening = stream.next(2);
      assertThat(opening.getFirst().comment()).isTrue();
      assertThat(opening.getLast().comment()).as("no first-token latency").isFalse();

      for (int chunk = 1; chunk < 6; chunk++) {
        awaitParked(SIM);
        SIM.clock().advance(PACE.minusMillis(1));
        awaitParked(SIM);
        assertThat(stream.quiet()).as("chunk %d not before its time", chunk).isTrue();
        assertThat(SIM.simulator().stats("s").successes()).isZero();
        SIM.clock().advance(Duration.ofMillis(1));
        SseEvent next = stream.next();
        assertThat(next.comment()).isFalse();
        assertThat(next.json().get("choices").get(0).get("finish_reason").isNull()).isTrue();
      }
      List<SseEvent> rest = stream.rest();

      assertThat(rest).hasSize(3);
      assertThat(rest.getLast().done()).isTrue();
      assertThat(Duration.between(start, SIM.clock().now())).isEqualTo(PACE.multipliedBy(5));
    }
  }
}

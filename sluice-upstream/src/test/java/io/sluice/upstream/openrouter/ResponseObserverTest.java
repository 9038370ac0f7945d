package io.sluice.upstream.openrouter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.WireBodies;
import io.sluice.upstream.openrouter.UpstreamError.Origin;
import io.sluice.upstream.sse.SseParser;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseObserverTest {

  private static final String CONTENT = """
      {"id":"gen-1785160442-5ORlzdIrlBsDoqBP7E7B","object":"chat.completion.chunk","created":1785160442,\
      "model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},\
      "finish_reason":null,"native_finish_reason":null}]}""";
  private static final String FINISH = """
      {"id":"gen-1785160442-5ORlzdIrlBsDoqBP7E7B","object":"chat.completion.chunk","created":1785160442,\
      "model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{"content":"","role":"assistant"},\
      "finish_reason":"stop","native_finish_reason":"end_turn"}]}""";
  private static final String USAGE = """
      "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"cost":0.0000485,"is_byok":false,\
      "prompt_tokens_details":{"cached_tokens":4,"cache_write_tokens":2},\
      "completion_tokens_details":{"reasoning_tokens":3}}""";
  private static final Usage EXPECTED_USAGE = new Usage(12, 5, 17, new BigDecimal("0.0000485"), 4, 2, 3);

  private final ResponseObserver observer = new ResponseObserver();
  private final SseParser parser = new SseParser(observer);

  @Test
  void aStreamWithTheDocumentedUsageChunkIsAccounted() {
    stream(": OPENROUTER PROCESSING\n\n", data(CONTENT), data(FINISH),
        data("{\"id\":\"gen-1785160442-5ORlzdIrlBsDoqBP7E7B\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + USAGE + "}"),
        "data: [DONE]\n\n");

    assertThat(observer.summary()).isEqualTo(new ResponseSummary("gen-1785160442-5ORlzdIrlBsDoqBP7E7B",
        "openai/gpt-4o", "OpenAI", "stop", "end_turn", EXPECTED_USAGE, null, true, 3, 0));
  }

  @Test
  void aStreamWhoseUsageRidesOnARepeatedFinishChoiceIsAccounted() {
    String finishWithUsage = FINISH.substring(0, FINISH.length() - 1) + "," + USAGE + "}";
    stream(data(CONTENT), data(FINISH), data(finishWithUsage), "data: [DONE]\n\n");

    ResponseSummary summary = observer.summary();
    assertThat(summary.usage()).isEqualTo(EXPECTED_USAGE);
    assertThat(summary.finishReason()).isEqualTo("stop");
    assertThat(summary.chunks()).isEqualTo(3);
    assertThat(summary.failed()).isFalse();
  }

  @Test
  void aWholeBodyIsAccountedWithItsExactCost() {
    observer.observeBody(WireBodies.OK_BODY.getBytes(UTF_8));

    assertThat(observer.summary()).isEqualTo(new ResponseSummary("gen-1791084135-7wgkROHXIojJJ2sMtIIm",
        "deepseek/deepseek-v4-pro-0813", "DeepInfra", "length", "length",
        new Usage(8, 1, 9, new BigDecimal("0.000013"), 0, 0, 0), null, false, 1, 0));
  }

  @Test
  void aMidStreamErrorIsRecordedWithWhatCameBefore() {
    stream(data(CONTENT), data(WireBodies.CHUNK_UPSTREAM_THROTTLE));

    ResponseSummary summary = observer.summary();
    assertThat(summary.error().origin()).isEqualTo(Origin.STREAM_CHUNK);
    assertThat(summary.error().message()).isEqualTo("openai/gpt-5.6-luna is temporarily rate-limited upstream.");
    assertThat(summary.finishReason()).isEqualTo("error");
    assertThat(summary.generationId()).isEqualTo("gen-1785160442-5ORlzdIrlBsDoqBP7E7B");
    assertThat(summary.model()).isEqualTo("openai/gpt-4o");
    assertThat(summary.done()).isFalse();
    assertThat(summary.failed()).isTrue();
  }

  @Test
  void anErrorChunkWithoutChoicesIsRecorded() {
    stream(data(CONTENT), data(WireBodies.CHUNK_NO_CHOICES_2025));

    assertThat(observer.summary().error().origin()).isEqualTo(Origin.STREAM_CHUNK_WITHOUT_CHOICES);
    assertThat(observer.summary().error().effectiveStatus()).isEqualTo(429);
    assertThat(observer.summary().finishReason()).isNull();
  }

  @Test
  void theFirstErrorIsTheOneKept() {
    stream(data(WireBodies.CHUNK_DOCS), data(WireBodies.CHUNK_STRING_CODE));

    assertThat(observer.summary().error().message()).isEqualTo("Rate limit exceeded");
  }

  @Test
  void aFinishReasonOfErrorAloneMarksTheResponseFailed() {
    stream(data("{\"id\":\"gen-1\",\"choices\":[{\"delta\":{},\"finish_reason\":\"error\"}]}"));

    assertThat(observer.summary().error().message()).isEqualTo("the choice finished with \"error\" and no error object");
    assertThat(observer.summary().failed()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}                  | true",
      "{\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\" :  null }]}              | true",
      "{\"choices\":[{\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}              | false",
      "{\"choices\":[{\"delta\":{},\"finish_reason\": \"length\"}]}                           | false",
      "{\"choices\":[{\"delta\":{},\"finish_reason\":null,\"native_finish_reason\":\"STOP\"}]} | false",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}                                     | false",
      "{\"error\":{\"code\":429,\"message\":\"x\"}}                                          | false",
      "{\"choices\":[{\"delta\":{\"content\":\"the word usage in text\"}}]}                   | true",
  })
  void onlyChunksThatMaySaySomethingNewAreReadInFull(String chunk, boolean onlyContent) {
    assertThat(ResponseObserver.onlyContent(chunk)).isEqualTo(onlyContent);
  }

  @Test
  void contentChunksSkippedAfterTheFirstStillCountAndTheEndIsStillRead() {
    String finishWithUsage = FINISH.substring(0, FINISH.length() - 1) + "," + USAGE + "}";
    stream(data(CONTENT), data(CONTENT), data(CONTENT), data(finishWithUsage), "data: [DONE]\n\n");

    assertThat(observer.summary()).isEqualTo(new ResponseSummary("gen-1785160442-5ORlzdIrlBsDoqBP7E7B",
        "openai/gpt-4o", "OpenAI", "stop", "end_turn", EXPECTED_USAGE, null, true, 4, 0));
  }

  @Test
  void unreadableChunksAreCountedAndTheRestStillRead() {
    stream(data("{\"id\":\"gen-1\",\"choices\":[{\"delta\":{\"content\":\""), data("not json"), data("[1]"),
        data(CONTENT), "data: [DONE]\n\n");

    ResponseSummary summary = observer.summary();
    assertThat(summary.unreadable()).isEqualTo(3);
    assertThat(summary.chunks()).isEqualTo(1);
    assertThat(summary.generationId()).isEqualTo("gen-1785160442-5ORlzdIrlBsDoqBP7E7B");
    assertThat(summary.done()).isTrue();
  }

  @Test
  void anErrorBodyInA200IsRecorded() {
    observer.observeBody(WireBodies.OK_BODY_CLOUDFLARE_1015.getBytes(UTF_8));

    ResponseSummary summary = observer.summary();
    assertThat(summary.error().origin()).isEqualTo(Origin.BODY);
    assertThat(summary.error().metadata().raw()).isEqualTo("error code: 1015");
    assertThat(summary.generationId()).isNull();
    assertThat(summary.usage()).isNull();
  }

  @Test
  void aBodyThatIsNotJsonIsCountedUnreadable() {
    observer.observeBody("{\"id\":\"gen-1\",\"choices\":[{\"message".getBytes(UTF_8));

    assertThat(observer.summary()).isEqualTo(new ResponseSummary(null, null, null, null, null, null, null, false, 0, 1));
  }

  @Test
  void usageWithOnlyTheOldThreeCountsHasNoCostAndATotal() {
    observer.observeChunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2}}");

    assertThat(observer.summary().usage()).isEqualTo(new Usage(7, 2, 9, null, 0, 0, 0));
  }

  @Test
  void costsInExponentNotationStayExact() {
    observer.observeChunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"cost\":7.680000000000001E-6}}");

    assertThat(observer.summary().usage().cost()).isEqualByComparingTo("0.000007680000000000001");
  }

  private void stream(String... parts) {
    for (String part : parts) {
      parser.feed(part.getBytes(UTF_8));
    }
  }

  private static String data(String json) {
    return "data: " + json + "\n\n";
  }
}

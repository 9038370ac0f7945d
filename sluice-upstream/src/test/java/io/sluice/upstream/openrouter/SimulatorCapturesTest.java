package io.sluice.upstream.openrouter;

import static io.sluice.upstream.openrouter.Expected.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.upstream.openrouter.UpstreamError.Origin;
import io.sluice.upstream.sse.SseParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Responses captured from sluice-simulator over HTTP (test resources), read as Sluice would. */
class SimulatorCapturesTest {

  private static final String FREE_DAY = "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free "
      + "model requests per day";
  private static final Usage STREAM_USAGE = new Usage(8, 7, 15, new BigDecimal("8.56E-6"), 0, 0, 0);

  record Case(String file, Expected expected) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Case> errorResponses() {
    return Stream.of(
        new Case("free-per-minute", error(429, "Rate limit exceeded: free-models-per-min.")
            .mirrored(Map.of("X-RateLimit-Limit", "2", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1795441429929"))
            .limits(2, 0, 1795441429929L)),
        new Case("free-per-day", error(429, FREE_DAY).limitSource("openrouter_free_tier_daily")
            .mirrored(Map.of("X-RateLimit-Limit", "4", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1795478400000"))
            .limits(4, 0, 1795478400000L)),
        new Case("upstream-raw-retry-after", error(429, "Provider returned error").provider("DeepInfra")
            .raw("deepseek/deepseek-chat-v3 is temporarily rate-limited upstream. Please retry shortly, or add your "
                + "own key to accumulate your rate limits: https://openrouter.ai/settings/integrations")
            .providerCode("429").limitSource("upstream_provider_shared_pool").metadataRetryAfter(Duration.ofSeconds(17))
            .mirrored(Map.of("Retry-After", "17")).retryAfter(new RetryAfter.After(Duration.ofSeconds(17)))),
        new Case("upstream-message", error(429, "deepseek/deepseek-chat-v3 is temporarily rate-limited upstream.")
            .errorType("rate_limit_exceeded").provider("DeepInfra")),
        new Case("upstream-docs", error(429, "Rate limit exceeded").errorType("rate_limit_exceeded")
            .providerCode("rate_limited")),
        new Case("insufficient-credits", error(402, "Insufficient credits. Add more using "
            + "https://openrouter.ai/settings/credits").limitSource("openrouter_credits")),
        new Case("key-cannot-afford", error(402, "This request requires more credits, or fewer max_tokens. You "
            + "requested up to 9 tokens, but can only afford 8. To increase, visit https://openrouter.ai/settings/keys "
            + "and create a key with a higher monthly limit")),
        new Case("key-limit", error(403, "Key limit exceeded (total limit)")),
        new Case("moderation", error(403, "deepseek/deepseek-chat-v3 requires moderation on DeepInfra. Your input was "
            + "flagged for \"harassment\". No credits were charged.").provider("DeepInfra")),
        new Case("context-length", error(400, "This endpoint's maximum context length is 4096 tokens. However, you "
            + "requested about 5108 tokens (5008 of text input, 100 in the output). Please reduce the length of either "
            + "one, or use the \"middle-out\" transform to compress your prompt automatically.").provider("DeepInfra")),
        new Case("invalid-model", error(400, "acme/fake-1.0 is not a valid model ID")),
        new Case("no-credentials", error(401, "No auth credentials found")),
        new Case("user-not-found", error(401, "User not found.")),
        new Case("outage-502", error(502, "Provider returned error").provider("DeepInfra")
            .errorType("provider_unavailable")),
        new Case("outage-503", error(503, "Service temporarily unavailable").provider("DeepInfra")
            .errorType("provider_overloaded")),
        new Case("overloaded-529", error(529, "Provider returned error").provider("DeepInfra")
            .errorType("provider_overloaded")),
        new Case("timeout-408", error(408, "Operation timed out. Please try again later.").provider("DeepInfra")
            .errorType("timeout")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorResponses")
  void theSimulatorsErrorResponsesReadAsOpenRouters(Case c) {
    Captured captured = Captured.load(c.file());

    UpstreamError read = UpstreamErrors.fromErrorResponse(captured.status(), captured.responseHeaders(), captured.body());

    assertThat(read).isEqualTo(c.expected().build());
  }

  @Test
  void aStreamWithAnEmptyChoicesUsageChunkIsAccounted() {
    ResponseSummary summary = observeStream("ok-stream");

    assertThat(summary.generationId()).startsWith("gen-");
    assertThat(summary.model()).isEqualTo("deepseek/deepseek-chat-v3");
    assertThat(summary.provider()).isEqualTo("DeepInfra");
    assertThat(summary.finishReason()).isEqualTo("stop");
    assertThat(summary.usage()).isEqualTo(STREAM_USAGE);
    assertThat(summary.done()).isTrue();
    assertThat(summary.failed()).isFalse();
    assertThat(summary.chunks()).isEqualTo(6);
  }

  @Test
  void aStreamWithUsageOnTheFinishChoiceIsAccountedTheSame() {
    ResponseSummary summary = observeStream("ok-stream-usage-with-choices");

    assertThat(summary.usage()).isEqualTo(STREAM_USAGE);
    assertThat(summary.finishReason()).isEqualTo("stop");
    assertThat(summary.done()).isTrue();
  }

  @Test
  void midStreamErrorsAreFoundInEachForm() {
    UpstreamError withChoices = observeStream("mid-stream-with-choices").error();
    UpstreamError noChoices = observeStream("mid-stream-no-choices").error();
    UpstreamError stringCode = observeStream("mid-stream-string-code").error();

    assertThat(withChoices.origin()).isEqualTo(Origin.STREAM_CHUNK);
    assertThat(withChoices.effectiveStatus()).isEqualTo(429);
    assertThat(withChoices.metadata().providerName()).isEqualTo("DeepInfra");
    assertThat(noChoices.origin()).isEqualTo(Origin.STREAM_CHUNK_WITHOUT_CHOICES);
    assertThat(noChoices.codeNumber()).isEqualTo(429);
    assertThat(stringCode.code()).isEqualTo("server_error");
    assertThat(stringCode.codeNumber()).isNull();
    assertThat(stringCode.metadata().errorType()).isEqualTo("provider_unavailable");
  }

  @Test
  void aMalformedLineMidStreamIsCountedAndTheStreamStillAccounted() {
    ResponseSummary summary = observeStream("malformed-stream");

    assertThat(summary.unreadable()).isEqualTo(1);
    assertThat(summary.usage()).isNotNull();
    assertThat(summary.done()).isTrue();
  }

  @Test
  void aTruncatedStreamHasNoFinishUsageOrDone() {
    Captured captured = Captured.load("truncated-stream");
    ResponseObserver observer = new ResponseObserver();
    SseParser parser = new SseParser(observer);
    parser.feed(captured.body());

    assertThat(parser.finish()).isTrue();
    assertThat(observer.summary().finishReason()).isNull();
    assertThat(observer.summary().usage()).isNull();
    assertThat(observer.summary().done()).isFalse();
  }

  @Test
  void wholeBodiesAreAccounted() {
    ResponseSummary ok = observeBody("ok-body");
    ResponseSummary free = observeBody("free-ok");

    assertThat(ok.usage()).isEqualTo(STREAM_USAGE);
    assertThat(ok.finishReason()).isEqualTo("stop");
    assertThat(free.usage().cost()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(free.model()).isEqualTo("meta-llama/llama-3.3-70b-instruct:free");
    assertThat(free.provider()).isEqualTo("Chutes");
  }

  @Test
  void errorsInside200BodiesAreFound() {
    ResponseSummary topLevel = observeBody("error-in-body-top-level");
    ResponseSummary inChoice = observeBody("error-in-body-choices");
    ResponseSummary malformed = observeBody("malformed-body");

    assertThat(topLevel.error().origin()).isEqualTo(Origin.BODY);
    assertThat(topLevel.error().metadata().raw()).isEqualTo("error code: 1015");
    assertThat(inChoice.error().origin()).isEqualTo(Origin.BODY_CHOICE);
    assertThat(inChoice.error().effectiveStatus()).isEqualTo(502);
    assertThat(inChoice.usage().completionTokens()).isEqualTo(3);
    assertThat(malformed.unreadable()).isEqualTo(1);
    assertThat(malformed.failed()).isFalse();
  }

  static ResponseSummary observeStream(String file) {
    ResponseObserver observer = new ResponseObserver();
    new SseParser(observer).feed(Captured.load(file).body());
    return observer.summary();
  }

  private static ResponseSummary observeBody(String file) {
    ResponseObserver observer = new ResponseObserver();
    observer.observeBody(Captured.load(file).body());
    return observer.summary();
  }
}

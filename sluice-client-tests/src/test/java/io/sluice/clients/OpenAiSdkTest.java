package io.sluice.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import io.sluice.simulator.scenario.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official OpenAI Java SDK ({@code com.openai:openai-java}, OkHttp transport) against the
 * target: plain and streamed completions, the upstream's errors as the SDK's exception types, and
 * what the SDK makes of an error chunk or a cut inside a stream. Retries are off, so each call is
 * one request.
 */
@Timeout(20)
class OpenAiSdkTest extends ClientTestBase {

  private static OpenAIClient client(String baseUrl, String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }

  /** Runs {@code call} with a client of its own, closed after (OpenAIClient is not AutoCloseable). */
  private static <T> T withClient(String baseUrl, String apiKey, Function<OpenAIClient, T> call) {
    OpenAIClient client = client(baseUrl, apiKey);
    try {
      return call.apply(client);
    } finally {
      client.close();
    }
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(PROMPT);
  }

  private static ChatCompletionCreateParams streamed() {
    return params(MODEL).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
  }

  /** Sends one plain request and returns the SDK's exception for it, of the given type. */
  private static <E extends OpenAIServiceException> E refused(Class<E> type, String baseUrl, String apiKey,
      ChatCompletionCreateParams params) {
    return withClient(baseUrl, apiKey,
        client -> catchThrowableOfType(type, () -> client.chat().completions().create(params)));
  }

  /** Every chunk of one streamed request, read to the end of the stream or to the exception that ended it. */
  private static Streamed stream(String baseUrl) {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    return withClient(baseUrl, target().apiKey(), client -> {
      try (StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(streamed())) {
        response.stream().forEach(chunks::add);
        return new Streamed(chunks, null);
      } catch (RuntimeException e) {
        return new Streamed(chunks, e);
      }
    });
  }

  /** What one streamed request delivered: its chunks, then a clean end ({@code failure} null) or a failure. */
  private record Streamed(List<ChatCompletionChunk> chunks, RuntimeException failure) {

    String content() {
      return String.join("", pieces());
    }

    List<String> pieces() {
      return chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
          .filter(s -> !s.isEmpty()).toList();
    }

    List<String> finishReasons() {
      return chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream())
          .map(ChatCompletionChunk.Choice.FinishReason::asString).toList();
    }

    List<CompletionUsage> usages() {
      return chunks.stream().flatMap(c -> c.usage().stream()).toList();
    }
  }

  /** The error object the SDK kept, as JSON (its JsonValue is a raw type to Java). */
  private static JsonNode errorBody(OpenAIServiceException e) {
    return ObjectMappers.jsonMapper().valueToTree(e.body());
  }

  // ---- plain and streamed completions ---------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseUrls")
  void aCompletionReportsTheUpstreamsContentModelAndExactUsage(String baseUrl) {
    ChatCompletion completion = withClient(baseUrl, target().apiKey(),
        client -> client.chat().completions().create(params(MODEL).build()));
    var stats = upstreamStats();
    Answer upstream = upstreamAnswer();

    ChatCompletion.Choice choice = completion.choices().getFirst();
    assertThat(choice.message().content()).contains(upstream.content());
    assertThat(upstream.content()).isNotBlank();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.model()).isEqualTo(MODEL).isEqualTo(upstream.model());
    assertThat(completion.id()).startsWith("gen-");
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(upstream.promptTokens()).isEqualTo(stats.promptTokens());
    assertThat(usage.completionTokens()).isEqualTo(upstream.completionTokens()).isEqualTo(stats.completionTokens())
        .isBetween(24L, 40L);
    assertThat(usage.totalTokens()).isEqualTo(upstream.totalTokens());
    assertThat(completion._allProperties().get("provider").asStringOrThrow())
        .as("OpenRouter's own field survives").isEqualTo("Steady");
    assertThat(stats.attempts()).isEqualTo(1);
    assertThat(stats.successes()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseUrls")
  void aStreamDeliversTheSameContentChunkByChunkThenUsageThenEndsCleanly(String baseUrl) {
    Streamed streamed = stream(baseUrl);
    var stats = upstreamStats();
    Answer upstream = upstreamAnswer();

    assertThat(streamed.failure()).as("the stream ends without an exception").isNull();
    assertThat(streamed.pieces()).as("one chunk per token").hasSize((int) upstream.completionTokens());
    assertThat(streamed.content()).isEqualTo(upstream.content());
    assertThat(streamed.finishReasons()).containsExactly("stop");
    assertThat(streamed.usages()).hasSize(1);
    ChatCompletionChunk last = streamed.chunks().getLast();
    assertThat(last.choices()).as("usage comes last, with no choices").isEmpty();
    CompletionUsage usage = last.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(upstream.promptTokens()).isEqualTo(stats.promptTokens());
    assertThat(usage.completionTokens()).isEqualTo(upstream.completionTokens()).isEqualTo(stats.completionTokens());
    assertThat(usage.totalTokens()).isEqualTo(upstream.totalTokens());
    assertThat(streamed.chunks()).allSatisfy(chunk -> assertThat(chunk.model()).isEqualTo(MODEL));
    assertThat(stats.successes()).as("the upstream delivered the whole stream").isEqualTo(1);
  }

  @Test
  void theSdksAccumulatorRebuildsTheStreamIntoThePlainCompletion() {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    stream(target().baseUrl()).chunks().forEach(accumulator::accumulate);
    Answer upstream = upstreamAnswer();

    ChatCompletion rebuilt = accumulator.chatCompletion();
    assertThat(rebuilt.choices().getFirst().message().content()).contains(upstream.content());
    assertThat(rebuilt.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(rebuilt.usage().orElseThrow().totalTokens()).isEqualTo(upstream.totalTokens());
  }

  // ---- errors before the first byte -----------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseUrls")
  void anUpstreamRateLimitIsARateLimitExceptionWithTheStatusMessageAndRetryAfter(String baseUrl) {
    inject(FaultSpec.of("rate-limit").withRetryAfter(Duration.ofSeconds(7)));

    RateLimitException e = refused(RateLimitException.class, baseUrl, target().apiKey(), params(MODEL).build());

    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e).hasMessage("429: " + RATE_LIMITED);
    assertThat(e.headers().values("Retry-After")).containsExactly("7");
    JsonNode metadata = errorBody(e).get("metadata");
    assertThat(metadata.get("raw").asText()).startsWith(MODEL + " is temporarily rate-limited upstream.");
    assertThat(metadata.get("provider_name").asText()).isEqualTo("Steady");
    assertThat(upstreamStats().attempts()).as("maxRetries(0): one attempt").isEqualTo(1);
    assertThat(upstreamStats().upstream429()).isEqualTo(1);
  }

  /**
   * OpenRouter's error objects have a numeric {@code code} and no {@code type}; the SDK models both
   * as strings, so its {@code code()} and {@code type()} accessors throw on them, though the status,
   * message and body are all there.
   */
  @Test
  void openRoutersNumericCodeAndMissingTypeMakeTheSdksCodeAndTypeAccessorsThrow() {
    inject(FaultSpec.of("rate-limit"));

    RateLimitException e = refused(RateLimitException.class, target().baseUrl(), target().apiKey(),
        params(MODEL).build());

    assertThat(errorBody(e).get("code").asInt()).isEqualTo(429);
    assertThat(errorBody(e).has("type")).isFalse();
    assertThat(catchThrowableOfType(OpenAIInvalidDataException.class, e::code))
        .hasMessage("`code` is invalid, received 429");
    assertThat(catchThrowableOfType(OpenAIInvalidDataException.class, e::type))
        .hasMessageContaining("`type`");
  }

  @Test
  void aRateLimitOnAStreamedRequestIsThrownBeforeAnyChunk() {
    inject(FaultSpec.of("rate-limit"));

    Streamed streamed = stream(target().baseUrl());

    assertThat(streamed.chunks()).isEmpty();
    assertThat(streamed.failure()).isInstanceOfSatisfying(RateLimitException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e).hasMessage("429: " + RATE_LIMITED);
    });
  }

  @Test
  void paymentRequiredIsAnUnexpectedStatusCodeExceptionWithStatus402AndTheMessage() {
    ChatCompletionCreateParams params = params(PRICEY).maxCompletionTokens(UNAFFORDABLE_TOKENS).build();

    UnexpectedStatusCodeException e = refused(UnexpectedStatusCodeException.class, target().baseUrl(),
        target().apiKey(), params);

    assertThat(e.statusCode()).isEqualTo(402);
    assertThat(e).hasMessage("402: " + CANNOT_AFFORD);
    assertThat(upstreamStats().errors()).containsEntry("402", 1L);
  }

  @Test
  void anUnknownKeyIsAnUnauthorizedExceptionWithStatus401AndTheMessage() {
    UnauthorizedException e = refused(UnauthorizedException.class, target().baseUrl(), target().unknownKey(),
        params(MODEL).build());

    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e).hasMessage("401: " + target().unknownKeyMessage());
    assertThat(upstreamStats().attempts()).isZero();
  }

  @Test
  void anInvalidModelIsABadRequestExceptionWithStatus400AndTheMessage() {
    BadRequestException e = refused(BadRequestException.class, target().baseUrl(), target().apiKey(),
        params(UNKNOWN_MODEL).build());

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e).hasMessage("400: " + INVALID_MODEL);
    assertThat(upstreamStats().errors()).containsEntry("400", 1L);
  }

  // ---- errors inside a stream -----------------------------------------------------------------

  @ParameterizedTest(name = "form {0}")
  @CsvSource({"with-choices, 429", "no-choices, 429", "string-code, rate_limit_exceeded"})
  void aMidStreamErrorChunkIsThrownAsAnSseExceptionAfterTheChunksBeforeIt(String form, String code) {
    List<String> whole = upstreamChunks();
    inject(FaultSpec.of("mid-stream-error").afterChunks(3).withForm(form).withStatus(429, null));

    Streamed streamed = stream(target().baseUrl());

    assertThat(streamed.pieces()).containsExactlyElementsOf(whole.subList(0, 3));
    assertThat(streamed.finishReasons()).as("the error chunk itself is not handed out").isEmpty();
    assertThat(streamed.usages()).isEmpty();
    assertThat(streamed.failure()).isInstanceOfSatisfying(SseException.class, e -> {
      assertThat(e.statusCode()).as("the stream's own HTTP status").isEqualTo(200);
      assertThat(e).hasMessage("200: " + MODEL + " is temporarily rate-limited upstream.");
      assertThat(errorBody(e).get("code").asText()).isEqualTo(code);
    });
  }

  @Test
  void aStreamCutAfterSomeChunksIsThrownAsAnSseExceptionThanksToTheGatewaysErrorChunk() {
    List<String> whole = upstreamChunks();
    inject(FaultSpec.of("truncated-body").afterChunks(4));

    Streamed streamed = stream(target().baseUrl());

    // Straight from the upstream the SDK cannot tell a cut stream from a whole one (it ends
    // cleanly); the gateway ends it with an error chunk, which the SDK throws.
    assertThat(streamed.failure()).isInstanceOfSatisfying(SseException.class,
        e -> assertThat(e).hasMessageContaining("ended the stream without [DONE]"));
    assertThat(streamed.pieces()).containsExactlyElementsOf(whole.subList(0, 4));
    assertThat(streamed.finishReasons()).isEmpty();
    assertThat(streamed.usages()).isEmpty();
  }
}

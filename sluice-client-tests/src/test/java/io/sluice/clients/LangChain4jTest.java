package io.sluice.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.sluice.simulator.scenario.FaultSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LangChain4j's OpenAI models ({@code dev.langchain4j:langchain4j-open-ai}, on its JDK HTTP
 * client) against the target: {@link OpenAiChatModel} and {@link OpenAiStreamingChatModel},
 * the upstream's errors as LangChain4j's exception types, and what the streaming model makes of an
 * error chunk or a cut inside a stream. Retries are off, so each call is one request.
 */
@Timeout(20)
class LangChain4jTest extends ClientTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static OpenAiChatModel chatModel(String baseUrl, String apiKey) {
    return OpenAiChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .modelName(MODEL)
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }

  private static OpenAiStreamingChatModel streamingModel(String baseUrl) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(baseUrl)
        .apiKey(target().apiKey())
        .modelName(MODEL)
        .timeout(TIMEOUT)
        .build();
  }

  private static ChatRequest request() {
    return ChatRequest.builder().messages(UserMessage.from(PROMPT)).build();
  }

  /** One plain request that must fail; returns LangChain4j's exception for it, of the given type. */
  private static <E extends Throwable> E refused(Class<E> type, String apiKey, ChatRequest request) {
    OpenAiChatModel model = chatModel(target().baseUrl(), apiKey);
    return catchThrowableOfType(type, () -> model.chat(request));
  }

  /** Streams one request and waits (at most the timeout) for the handler's last word. */
  private static Streamed stream(String baseUrl) {
    Streamed streamed = new Streamed();
    streamingModel(baseUrl).chat(request(), streamed);
    try {
      streamed.end.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the handler heard neither a completion nor an error", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return streamed;
  }

  /** Everything a streaming handler heard, and how the stream ended: a complete response or an error. */
  private static final class Streamed implements StreamingChatResponseHandler {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final List<Object> unmapped = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> end = new CompletableFuture<>();
    volatile ChatResponse complete;
    volatile Throwable error;

    @Override
    public void onPartialResponse(String partialResponse) {
      partials.add(partialResponse);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
      unmapped.add(rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      complete = completeResponse;
      end.complete(null);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      end.complete(null);
    }

    String content() {
      return String.join("", partials);
    }

    /** The data of the raw events that mapped to nothing (neither content nor usage). */
    List<String> unmappedData() {
      return unmapped.stream().map(e -> ((ServerSentEvent) e).data()).toList();
    }
  }

  private static void assertUsage(TokenUsage usage, Answer upstream) {
    assertThat(usage.inputTokenCount()).isEqualTo((int) upstream.promptTokens());
    assertThat(usage.outputTokenCount()).isEqualTo((int) upstream.completionTokens());
    assertThat(usage.totalTokenCount()).isEqualTo((int) upstream.totalTokens());
  }

  /** The status LangChain4j's HTTP layer saw, from the cause it keeps. */
  private static int status(Throwable mapped) {
    assertThat(mapped.getCause()).isInstanceOf(HttpException.class);
    return ((HttpException) mapped.getCause()).statusCode();
  }

  // ---- plain and streamed completions ---------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseUrls")
  void theChatModelReportsTheUpstreamsContentModelAndExactUsage(String baseUrl) {
    ChatResponse response = chatModel(baseUrl, target().apiKey()).chat(request());
    var stats = upstreamStats();
    Answer upstream = upstreamAnswer();

    assertThat(response.aiMessage().text()).isEqualTo(upstream.content()).isNotBlank();
    assertThat(response.modelName()).isEqualTo(MODEL);
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.id()).startsWith("gen-");
    assertUsage(response.tokenUsage(), upstream);
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo((int) stats.promptTokens());
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo((int) stats.completionTokens());
    assertThat(stats.attempts()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseUrls")
  void theStreamingModelDeliversTheSameContentTokenByTokenThenCompletesWithUsage(String baseUrl) {
    Streamed streamed = stream(baseUrl);
    var stats = upstreamStats();
    List<String> chunks = upstreamChunks();
    Answer upstream = upstreamAnswer();

    assertThat(streamed.error).isNull();
    assertThat(streamed.partials).containsExactlyElementsOf(chunks).hasSize((int) upstream.completionTokens());
    assertThat(streamed.content()).isEqualTo(upstream.content());
    ChatResponse complete = streamed.complete;
    assertThat(complete.aiMessage().text()).isEqualTo(upstream.content());
    assertThat(complete.modelName()).isEqualTo(MODEL);
    assertThat(complete.finishReason()).isEqualTo(FinishReason.STOP);
    assertUsage(complete.tokenUsage(), upstream);
    assertThat(complete.tokenUsage().outputTokenCount()).isEqualTo((int) stats.completionTokens());
    assertThat(stats.successes()).isEqualTo(1);
  }

  // ---- errors before the first byte -----------------------------------------------------------

  @Test
  void anUpstreamRateLimitIsARateLimitExceptionCarryingStatusAndBody() {
    inject(FaultSpec.of("rate-limit"));

    RateLimitException e = refused(RateLimitException.class, target().apiKey(), request());

    assertThat(status(e)).isEqualTo(429);
    assertThat(e).hasMessageContaining("\"message\":\"" + RATE_LIMITED + "\"")
        .hasMessageContaining(MODEL + " is temporarily rate-limited upstream.");
    assertThat(upstreamStats().attempts()).as("maxRetries(0): one attempt").isEqualTo(1);
  }

  @Test
  void aRateLimitOnAStreamedRequestReachesTheHandlersOnError() {
    inject(FaultSpec.of("rate-limit"));

    Streamed streamed = stream(target().baseUrl());

    assertThat(streamed.partials).isEmpty();
    assertThat(streamed.complete).isNull();
    assertThat(streamed.error).isInstanceOf(RateLimitException.class)
        .hasMessageContaining("\"message\":\"" + RATE_LIMITED + "\"");
    assertThat(status(streamed.error)).isEqualTo(429);
  }

  @Test
  void paymentRequiredIsAnInvalidRequestExceptionWithStatus402AndTheMessage() {
    ChatRequest unaffordable = ChatRequest.builder().messages(UserMessage.from(PROMPT)).modelName(PRICEY)
        .maxOutputTokens(UNAFFORDABLE_TOKENS).build();

    InvalidRequestException e = refused(InvalidRequestException.class, target().apiKey(), unaffordable);

    assertThat(status(e)).isEqualTo(402);
    assertThat(e).hasMessageContaining(CANNOT_AFFORD);
  }

  @Test
  void anUnknownKeyIsAnAuthenticationExceptionWithStatus401AndTheMessage() {
    AuthenticationException e = refused(AuthenticationException.class, target().unknownKey(), request());

    assertThat(status(e)).isEqualTo(401);
    assertThat(e).hasMessageContaining(target().unknownKeyMessage());
  }

  @Test
  void anInvalidModelIsAnInvalidRequestExceptionWithStatus400AndTheMessage() {
    ChatRequest invalid = ChatRequest.builder().messages(UserMessage.from(PROMPT)).modelName(UNKNOWN_MODEL).build();

    InvalidRequestException e = refused(InvalidRequestException.class, target().apiKey(), invalid);

    assertThat(status(e)).isEqualTo(400);
    assertThat(e).hasMessageContaining(INVALID_MODEL);
  }

  // ---- errors inside a stream -----------------------------------------------------------------

  /**
   * LangChain4j does not notice an error chunk: the stream "completes" with the text before it, no
   * finish reason and no usage, and {@code onError} is never called. The chunk reaches the handler
   * only as an unmapped raw event (and in the response metadata's raw events).
   */
  @ParameterizedTest(name = "form {0}")
  @ValueSource(strings = {"with-choices", "no-choices", "string-code"})
  void aMidStreamErrorChunkCompletesNormallyWithThePartialTextAndNoFinishReasonOrUsage(String form) {
    List<String> whole = upstreamChunks();
    inject(FaultSpec.of("mid-stream-error").afterChunks(3).withForm(form).withStatus(429, null));

    Streamed streamed = stream(target().baseUrl());

    assertThat(streamed.error).as("onError is not called").isNull();
    assertThat(streamed.partials).containsExactlyElementsOf(whole.subList(0, 3));
    ChatResponse complete = streamed.complete;
    assertThat(complete.aiMessage().text()).isEqualTo(String.join("", whole.subList(0, 3)));
    assertThat(complete.finishReason()).isNull();
    assertThat(complete.tokenUsage()).isNull();
    assertThat(streamed.unmappedData()).singleElement().satisfies(data -> {
      JsonNode error = JSON.readTree(data).get("error");
      assertThat(error.get("message").asText()).isEqualTo(MODEL + " is temporarily rate-limited upstream.");
    });
  }

  /**
   * A stream the upstream cuts short: the gateway ends it with an error chunk, which LangChain4j
   * again hands only to the unmapped-event hook, completing with the partial text.
   */
  @Test
  void aStreamCutAfterSomeChunksCompletesNormallyWithThePartialTextAndNoFinishReasonOrUsage() {
    List<String> whole = upstreamChunks();
    inject(FaultSpec.of("truncated-body").afterChunks(4));

    Streamed streamed = stream(target().baseUrl());

    assertThat(streamed.error).isNull();
    assertThat(streamed.partials).containsExactlyElementsOf(whole.subList(0, 4));
    assertThat(streamed.complete.aiMessage().text()).isEqualTo(String.join("", whole.subList(0, 4)));
    assertThat(streamed.complete.finishReason()).isNull();
    assertThat(streamed.complete.tokenUsage()).isNull();
    assertThat(streamed.unmappedData()).singleElement().satisfies(data -> assertThat(JSON.readTree(data)
        .path("error").path("metadata").path("error_type").asText()).isEqualTo("upstream_stream_truncated"));
  }
}

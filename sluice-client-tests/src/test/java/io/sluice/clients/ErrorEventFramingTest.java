package io.sluice.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Not the simulator: a canned stream, to see whether an SSE {@code event: error} line in front of
 * the error chunk (something OpenRouter does not send) changes what each SDK reports. It answers
 * a gateway design question: how a stream Sluice has to end early could be made visible to
 * LangChain4j, which ignores an error chunk sent as plain data.
 */
@Timeout(20)
class ErrorEventFramingTest {

  private static final String CHUNK = "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"sim/chat\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
      + "\"finish_reason\":null}]}";
  private static final String ERROR = "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"sim/chat\",\"error\":{\"code\":502,\"message\":\"Upstream stream ended early\"},"
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}";
  /** One content chunk, then the error chunk as a named {@code error} event, then the end of the body. */
  private static final String BODY = "data: " + CHUNK + "\n\nevent: error\ndata: " + ERROR + "\n\n";

  private static HttpServer server;

  @BeforeAll
  static void serveTheCannedStream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Test
  void theOpenAiSdkThrowsOnTheErrorChunkWhateverTheEventName() {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey("sk-canned").maxRetries(0)
        .timeout(ClientTestBase.TIMEOUT).build();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    RuntimeException failure = null;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder().model("sim/chat").addUserMessage("hi").build())) {
      stream.stream().forEach(chunks::add);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      client.close();
    }

    assertThat(chunks).hasSize(1);
    assertThat(failure).isInstanceOf(SseException.class).hasMessage("200: Upstream stream ended early");
  }

  /**
   * With the event named {@code error}, LangChain4j hands the chunk's data to {@code onError} as a
   * plain RuntimeException, and then still calls {@code onCompleteResponse} with the partial text
   * when the body ends: a handler must treat an earlier {@code onError} as final.
   */
  @Test
  void langChain4jCallsOnErrorForAnErrorEventAndThenCompletesAnyway() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> completed = new CompletableFuture<>();
    OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(baseUrl()).apiKey("sk-canned")
        .modelName("sim/chat").timeout(ClientTestBase.TIMEOUT).build();

    model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partialResponse) {
        heard.add("partial " + partialResponse);
      }

      @Override
      public void onCompleteResponse(ChatResponse completeResponse) {
        heard.add("complete " + completeResponse.aiMessage().text() + " finish=" + completeResponse.finishReason());
        completed.complete(null);
      }

      @Override
      public void onError(Throwable error) {
        heard.add("error " + error.getClass().getSimpleName() + ": " + error.getMessage());
      }
    });
    try {
      completed.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no onCompleteResponse; heard " + heard, e);
    }

    assertThat(heard).containsExactly("partial Hello", "error RuntimeException: " + ERROR, "complete Hello finish=null");
  }
}

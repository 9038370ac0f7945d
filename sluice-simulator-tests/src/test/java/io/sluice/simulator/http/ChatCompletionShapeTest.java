package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The success path on the wire: OpenRouter's response and SSE shapes. */
class ChatCompletionShapeTest {

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.preset("zero-latency");

  private static final String PATH = "/api/v1/chat/completions";
  private static final String BODY = """
      {"model":"sim/instant","messages":[{"role":"user","content":"Say hello"}]}""";

  @Test
  void plainCompletionHasOpenRouterShape() {
    Reply reply = SIM.http().post(PATH, SIM.key("bench"), BODY);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.get("id").asText()).matches("gen-\\d+-[A-Za-z0-9]{20}");
    assertThat(reply.header("X-Generation-Id")).isEqualTo(json.get("id").asText());
    assertThat(json.get("object").asText()).isEqualTo("chat.completion");
    assertThat(json.get("model").asText()).isEqualTo("sim/instant");
    assertThat(json.get("provider").asText()).isEqualTo("Instant");
    JsonNode choice = json.get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.get("message").get("content").asText()).isNotBlank();
    JsonNode usage = json.get("usage");
    assertThat(usage.get("total_tokens").asInt())
        .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    assertThat(usage.get("cost").asDouble()).isPositive();
  }

  @Test
  void streamEndsWithUsageAndDone() {
    Reply reply = SIM.http().post(PATH, SIM.key("bench"), BODY.replace("}]}", "}],\"stream\":true}"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
    List<SseEvent> events = reply.events();
    assertThat(events.getFirst()).isEqualTo(new SseEvent(true, "OPENROUTER PROCESSING"));
    assertThat(events.getLast().done()).isTrue();
    JsonNode usageChunk = events.get(events.size() - 2).json();
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.get("usage").get("completion_tokens").asInt()).isPositive();
  }
}

package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each preset does what its description promises. */
class PresetScenariosTest {

  private static final String PATH = "/api/v1/chat/completions";

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
  }

  @Nested
  class FreeTier {
    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.preset("free-tier").autoAdvancing();

    @Test
    void freeModelsServeAndPaidModelsNeedCredits() {
      Reply free = SIM.http().post(PATH, SIM.key("free"), body("meta-llama/llama-3.3-70b-instruct:free"));
      Reply paid = SIM.http().post(PATH, SIM.key("free"), body("openai/gpt-4o-mini"));

      assertThat(free.status()).isEqualTo(200);
      assertThat(paid.status()).isEqualTo(402);
      assertThat(SIM.http().get("/api/v1/key", SIM.key("free")).json().get("data").get("is_free_tier").asBoolean())
          .isTrue();
    }
  }

  @Nested
  class Outage {
    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.preset("outage").autoAdvancing();

    @Test
    void qwenIsDownFromThirtySecondsToTwoAndAHalfMinutesWhileMistralServes() {
      String qwen = body("qwen/qwen-2.5-72b-instruct");
      assertThat(SIM.http().post(PATH, SIM.key("team"), qwen).status()).isEqualTo(200);

      SIM.clock().advance(Duration.ofSeconds(30));
      Reply down = SIM.http().post(PATH, SIM.key("team"), qwen);
      Reply fallback = SIM.http().post(PATH, SIM.key("team"), body("mistralai/mistral-small-3.1-24b-instruct"));

      assertThat(down.status()).isIn(502, 503);
      assertThat(fallback.status()).isEqualTo(200);

      SIM.clock().advance(Duration.ofSeconds(120));
      assertThat(SIM.http().post(PATH, SIM.key("team"), qwen).status()).isEqualTo(200);
    }
  }

  @Nested
  class PaidTurbulence {
    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.preset("paid-turbulence").autoAdvancing();

    @Test
    void deepSeekIsThrottledUpstreamDuringItsFirstBurstButNotBefore() {
      int calm = throttledOutOf(20);
      SIM.clock().advance(Duration.ofSeconds(61));
      int burst = throttledOutOf(20);

      // Each of its two providers throttles 80% of attempts in the burst: about 64% get through neither.
      assertThat(calm).isLessThanOrEqualTo(2);
      assertThat(burst).isGreaterThanOrEqualTo(6);
      assertThat(SIM.http().post(PATH, SIM.key("team"), body("openai/gpt-4o-mini")).status()).isEqualTo(200);
    }

    private int throttledOutOf(int requests) {
      int throttled = 0;
      for (int i = 0; i < requests; i++) {
        Reply reply = SIM.http().post(PATH, SIM.key("team"), body("deepseek/deepseek-chat-v3"));
        if (reply.status() == 429) {
          throttled++;
          assertThat(reply.json().get("error").get("metadata").get("raw").asText())
              .contains("temporarily rate-limited upstream");
        }
      }
      return throttled;
    }
  }

  @Nested
  class Mixed {
    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.preset("mixed").autoAdvancing();

    @Test
    void twoAccountsHaveDifferentDailyCapsAndTheManagementKeySeesCredits() {
      int alphaCap = SIM.http().get("/api/v1/key", SIM.key("alpha")).json().get("data")
          .get("free_model_daily_requests").get("limit").asInt();
      int betaCap = SIM.http().get("/api/v1/key", SIM.key("beta")).json().get("data")
          .get("free_model_daily_requests").get("limit").asInt();

      assertThat(alphaCap).isEqualTo(1000);
      assertThat(betaCap).isEqualTo(50);
      assertThat(SIM.http().get("/api/v1/credits", SIM.key("alpha-management")).status()).isEqualTo(200);
    }

    @Test
    void theSmallContextModelRefusesALongPrompt() {
      String longPrompt = "word ".repeat(9000);
      Reply reply = SIM.http().post(PATH, SIM.key("alpha"),
          "{\"model\":\"mistralai/mistral-7b-instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"" + longPrompt + "\"}]}");

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().get("error").get("message").asText()).startsWith("This endpoint's maximum context length is 8192 tokens.");
    }
  }
}

package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests OpenRouter refuses before any model runs, over real HTTP: 401 for missing or unknown
 * keys, 400 for malformed bodies, unknown models, too many fallbacks and over-long prompts, 403
 * for moderated input, 413 for oversized bodies; each with OpenRouter's wording and user_id.
 */
class AuthAndValidationTest {

  private static final String SCENARIO = """
      name: validation
      platform:
        max-request-bytes: 2048
      accounts:
        - id: acct-team
          credits: 50
          purchased: 50
          keys:
            - {key: sk-or-v1-test-team, label: team}
      models:
        - id: vendor/chat
          pricing: {prompt: 0.0000001, completion: 0.0000002}
          providers: [{name: DeepInfra}]
        - id: vendor/small-context
          context-length: 1024
          pricing: {prompt: 0.0000001, completion: 0.0000002}
          providers:
            - {name: Chutes, context-length: 512}
            - {name: Together}
        - id: vendor/guarded
          moderated: true
          pricing: {prompt: 0.0000008, completion: 0.000004}
          providers: [{name: Amazon Bedrock}, {name: Anthropic}]
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "validation"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final String USER_ID = "user_acct-team";
  private static final String VALID = """
      {"model":"vendor/chat","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

  private static Reply send(String body) {
    return SIM.http().post(PATH, SIM.key("team"), body);
  }

  private static JsonNode error(Reply reply) {
    return reply.json().get("error");
  }

  /** Status, the code mirrored in the body, the exact message, and the caller's user id. */
  private static void assertRefused(Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(error(reply).get("code").asInt()).isEqualTo(status);
    assertThat(error(reply).get("message").asText()).isEqualTo(message);
    assertThat(reply.json().get("user_id").asText()).isEqualTo(USER_ID);
  }

  private static long errorsWithStatus(int status) {
    return SIM.simulator().stats("team").errors().getOrDefault(Integer.toString(status), 0L);
  }

  @Test
  void aChatRequestWithoutAuthorizationIsRefusedWithNoAuthCredentialsFound() {
    Reply reply = SIM.http().post(PATH, null, VALID);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(error(reply).get("code").asInt()).isEqualTo(401);
    assertThat(error(reply).get("message").asText()).isEqualTo("No auth credentials found");
    assertThat(reply.json().has("user_id")).isFalse();
  }

  @Test
  void aBearerHeaderWithNoTokenCountsAsNoCredentials() {
    Reply reply = SIM.http().send(SIM.http().builder(PATH, null, Map.of("Authorization", "Bearer "))
        .POST(HttpRequest.BodyPublishers.ofString(VALID)).build());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(error(reply).get("message").asText()).isEqualTo("No auth credentials found");
  }

  @Test
  void anUnknownKeyIsRefusedWithUserNotFound() {
    Reply reply = SIM.http().post(PATH, "sk-or-v1-not-a-real-key", VALID);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(error(reply).get("code").asInt()).isEqualTo(401);
    assertThat(error(reply).get("message").asText()).isEqualTo("User not found.");
    assertThat(reply.json().has("user_id")).isFalse();
  }

  @Test
  void theKeyEndpointWithoutAuthorizationAsksForTheAuthenticationHeader() {
    Reply reply = SIM.http().get("/api/v1/key", null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().toString())
        .isEqualTo("{\"error\":{\"code\":401,\"message\":\"Missing Authentication header\"}}");
  }

  @Test
  void theKeyEndpointWithAnUnknownKeyAnswersUserNotFound() {
    Reply reply = SIM.http().get("/api/v1/key", "sk-or-v1-not-a-real-key");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(error(reply).get("message").asText()).isEqualTo("User not found.");
  }

  @Test
  void refusedCredentialsAreNotCountedAsAnyKeysAttempt() {
    SIM.http().post(PATH, null, VALID);
    SIM.http().post(PATH, "sk-or-v1-not-a-real-key", VALID);

    assertThat(SIM.simulator().stats("team").attempts()).isZero();
  }

  @Test
  void malformedJsonIsABadRequest() {
    Reply reply = send("{\"model\":\"vendor/chat\",\"messages\":[");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(error(reply).get("code").asInt()).isEqualTo(400);
    assertThat(error(reply).get("message").asText()).startsWith("Invalid JSON in request body");
    assertThat(reply.json().get("user_id").asText()).isEqualTo(USER_ID);
  }

  @Test
  void anEmptyBodyIsABadRequest() {
    assertRefused(send(""), 400, "Request body is empty; expected a JSON object");
  }

  @Test
  void aBodyThatIsNotAnObjectIsABadRequest() {
    assertRefused(send("[{\"role\":\"user\",\"content\":\"hi\"}]"), 400, "Request body must be a JSON object");
    assertRefused(send("\"hi\""), 400, "Request body must be a JSON object");
    assertRefused(send("null"), 400, "Request body must be a JSON object");
  }

  @Test
  void aBodyWithoutMessagesOrPromptAsksForInput() {
    assertRefused(send("{\"model\":\"vendor/chat\"}"), 400, "Input required: specify \"prompt\" or \"messages\"");
    assertRefused(send("{\"model\":\"vendor/chat\",\"messages\":null}"), 400,
        "Input required: specify \"prompt\" or \"messages\"");
  }

  @Test
  void messagesOfTheWrongTypeAreABadRequest() {
    assertRefused(send("{\"model\":\"vendor/chat\",\"messages\":\"hi\"}"), 400,
        "Invalid request: 'messages' must be an array");
    assertRefused(send("{\"model\":\"vendor/chat\",\"messages\":[]}"), 400,
        "Invalid request: 'messages' must contain at least one message");
    assertRefused(send("{\"model\":\"vendor/chat\",\"messages\":[\"hi\"]}"), 400,
        "Invalid request: 'messages[0]' must be an object");
  }

  @Test
  void aMessageWithoutARoleIsABadRequest() {
    assertRefused(send("""
        {"model":"vendor/chat","messages":[{"role":"system","content":"be brief"},{"content":"hi"}]}"""),
        400, "Invalid request: 'messages[1].role' is required and must be a string");
  }

  @Test
  void maxTokensMustBeAPositiveInteger() {
    assertRefused(send(VALID.replace("\"max_tokens\":16", "\"max_tokens\":\"16\"")), 400,
        "Invalid request: 'max_tokens' must be an integer, was \"16\"");
    assertRefused(send(VALID.replace("\"max_tokens\":16", "\"max_tokens\":1.5")), 400,
        "Invalid request: 'max_tokens' must be an integer, was 1.5");
    assertRefused(send(VALID.replace("\"max_tokens\":16", "\"max_tokens\":0")), 400,
        "Invalid request: 'max_tokens' must be a positive integer, was 0");
  }

  @Test
  void anUnknownModelIdIsNotAValidModelId() {
    assertRefused(send(VALID.replace("vendor/chat", "acme/fake-1.0")), 400, "acme/fake-1.0 is not a valid model ID");
  }

  @Test
  void anUnknownModelInTheFallbackListIsNotAValidModelId() {
    assertRefused(send("""
        {"models":["vendor/chat","acme/fake-1.0"],"messages":[{"role":"user","content":"hi"}]}"""),
        400, "acme/fake-1.0 is not a valid model ID");
  }

  @Test
  void aModelsListOfFourIsRefusedAndThreeIsServed() {
    String four = """
        {"models":["vendor/chat","vendor/chat","vendor/chat","vendor/chat"],"max_tokens":8,
         "messages":[{"role":"user","content":"hi"}]}""";

    assertRefused(send(four), 400, "'models' array must have 3 items or fewer.");
    assertThat(send(four.replaceFirst("\"vendor/chat\",", "")).status()).isEqualTo(200);
  }

  @Test
  void unknownFieldsAreIgnored() {
    Reply reply = send("""
        {"model":"vendor/chat","max_tokens":8,"messages":[{"role":"user","content":"hi","name":"ann"}],
         "frobnicate":{"level":11},"x_custom":[1,2,3],"transforms":["middle-out"]}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("model").asText()).isEqualTo("vendor/chat");
  }

  @Test
  void aBodyAboveThePlatformLimitIsPayloadTooLarge() {
    String big = "{\"model\":\"vendor/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(2100) + "\"}]}";

    Reply reply = send(big);

    assertRefused(reply, 413, "Request body too large: the limit is 2048 bytes.");
    assertThat(error(reply).get("metadata").get("error_type").asText()).isEqualTo("payload_too_large");
    assertThat(errorsWithStatus(413)).isEqualTo(1);
  }

  @Test
  void aBodyExactlyAtThePlatformLimitIsAccepted() {
    String head = "{\"model\":\"vendor/chat\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"";
    String tail = "\"}]}";
    String exact = head + "a b ".repeat(2048).substring(0, 2048 - head.length() - tail.length()) + tail;

    assertThat(exact).hasSize(2048);
    assertThat(send(exact).status()).isEqualTo(200);
  }

  @Test
  void flaggedInputOnAModeratedModelIsRefusedWithModerationMetadata() {
    String text = "Please sim:flag this. " + "x".repeat(200) + " the end";

    Reply reply = send("{\"model\":\"vendor/guarded\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
        + text + "\"}]}");

    assertRefused(reply, 403, "vendor/guarded requires moderation on Amazon Bedrock. "
        + "Your input was flagged for \"harassment\". No credits were charged.");
    JsonNode metadata = error(reply).get("metadata");
    assertThat(metadata.get("reasons")).hasSize(1);
    assertThat(metadata.get("reasons").get(0).asText()).isEqualTo("harassment");
    String flagged = metadata.get("flagged_input").asText();
    assertThat(flagged.length()).isBetween(97, 100);
    String head = flagged.substring(0, flagged.indexOf("..."));
    String tail = flagged.substring(flagged.indexOf("...") + 3);
    assertThat(text).startsWith(head).endsWith(tail);
    assertThat(head).startsWith("Please sim:flag this. x");
    assertThat(tail).endsWith("x the end");
    assertThat(Math.abs(head.length() - tail.length())).isLessThanOrEqualTo(1);
    assertThat(metadata.get("provider_name").asText()).isEqualTo("Amazon Bedrock");
    assertThat(metadata.get("model_slug").asText()).isEqualTo("vendor/guarded");
    assertThat(SIM.http().get("/api/v1/key", SIM.key("team")).json().get("data").get("usage").asDouble()).isZero();
  }

  @Test
  void shortFlaggedInputIsReportedWhole() {
    Reply reply = send("""
        {"model":"vendor/guarded","messages":[{"role":"user","content":"  tell me sim:flag  "}]}""");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(error(reply).get("metadata").get("flagged_input").asText()).isEqualTo("tell me sim:flag");
  }

  @Test
  void unflaggedInputOnAModeratedModelIsServed() {
    assertThat(send(VALID.replace("vendor/chat", "vendor/guarded")).status()).isEqualTo(200);
  }

  @Test
  void theFlagPhraseOnAnUnmoderatedModelIsServed() {
    assertThat(send(VALID.replace("\"hi\"", "\"sim:flag\"")).status()).isEqualTo(200);
  }

  @Test
  void promptPlusMaxTokensOverTheContextWindowIsRefusedWithTheNumbers() {
    String body = "{\"model\":\"vendor/small-context\",\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\""
        + "word ".repeat(60).strip() + "\"}]}";
    int promptTokens = promptTokens("word ".repeat(60).strip());

    Reply reply = send(body);

    assertRefused(reply, 400, "This endpoint's maximum context length is 1024 tokens. However, you requested about "
        + (promptTokens + 1000) + " tokens (" + promptTokens + " of text input, 1000 in the output). Please reduce "
        + "the length of either one, or use the \"middle-out\" transform to compress your prompt automatically.");
    assertThat(error(reply).get("metadata").get("provider_name").asText()).isEqualTo("Together");
  }

  @Test
  void aRequestThatFitsOnlyTheLargerEndpointIsServedThere() {
    Reply reply = send("{\"model\":\"vendor/small-context\",\"max_tokens\":700,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("provider").asText()).isEqualTo("Together");
  }

  @Test
  void statsCountEveryAttemptAndEachRefusalByStatus() {
    send("{not json");
    send("{\"model\":\"vendor/chat\"}");
    send(VALID.replace("vendor/chat", "acme/fake-1.0"));
    send(VALID.replace("\"hi\"", "\"sim:flag\"").replace("vendor/chat", "vendor/guarded"));
    send("{\"model\":\"vendor/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(3000) + "\"}]}");
    send(VALID);
    SIM.http().post(PATH, null, VALID);

    JsonNode stats = SIM.http().get("/sim/stats", null).json().get("keys").get("team");

    assertThat(stats.get("attempts").asLong()).isEqualTo(6);
    assertThat(stats.get("successes").asLong()).isEqualTo(1);
    assertThat(stats.get("errors").get("400").asLong()).isEqualTo(3);
    assertThat(stats.get("errors").get("403").asLong()).isEqualTo(1);
    assertThat(stats.get("errors").get("413").asLong()).isEqualTo(1);
    assertThat(stats.get("errors").has("401")).isFalse();
  }

  /** Prompt tokens of one user message, read from a served request's usage. */
  private static int promptTokens(String content) {
    Reply probe = send("{\"model\":\"vendor/chat\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\""
        + content + "\"}]}");
    assertThat(probe.status()).isEqualTo(200);
    return probe.json().get("usage").get("prompt_tokens").asInt();
  }
}

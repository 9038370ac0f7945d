package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenRouter's endpoints other than chat, over real HTTP: {@code /api/v1/key}, {@code /credits},
 * {@code /generation} and {@code /models}, and the JSON 404 and 405 for unknown paths and methods.
 */
class AccountEndpointsTest {

  private static final String SCENARIO = """
      name: accounts
      platform:
        generation-delay: 5s
      accounts:
        - id: acct-team
          credits: 40
          purchased: 40
          keys:
            - {key: sk-or-v1-test-team, label: team, limit: 10}
            - {key: sk-or-v1-test-second, label: second}
            - {key: sk-or-v1-test-admin, label: admin, management: true}
        - id: acct-free
          credits: 0
          keys: [{key: sk-or-v1-test-free, label: free}]
      models:
        - id: vendor/paid
          name: "Vendor: Paid"
          context-length: 32768
          max-completion-tokens: 2048
          pricing: {prompt: 0.00000015, completion: 0.0000006}
          supported-parameters: [max_tokens, temperature, tools, tool_choice]
          providers:
            - {name: DeepInfra, context-length: 16384}
            - {name: Together}
        - id: vendor/plain
          name: "Vendor: Plain"
          moderated: true
          pricing: {prompt: 0.000001, completion: 0.000002}
          supported-parameters: [max_tokens, temperature, response_format]
          providers: [{name: Mistral}]
        - id: vendor/small:free
          name: "Vendor: Small (free)"
          context-length: 65536
          providers: [{name: Chutes}]
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "accounts"));

  @RegisterExtension
  static final SimulatorExtension MIXED = SimulatorExtension.preset("mixed");

  private static final String CHAT = "/api/v1/chat/completions";
  private static final String DEPRECATED_NOTE = "This field is deprecated and safe to ignore.";

  private static String body(String model) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static JsonNode chat(String key, String model) {
    Reply reply = SIM.http().post(CHAT, SIM.key(key), body(model));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode key(String label) {
    Reply reply = SIM.http().get("/api/v1/key", SIM.key(label));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("data");
  }

  private static JsonNode error(Reply reply) {
    return reply.json().get("error");
  }

  private static void advanceTo(Instant instant) {
    SIM.clock().advance(Duration.between(SIM.clock().now(), instant));
  }

  /**
   * Moves the shared clock to noon UTC on the next Tuesday early in a month, so that the coming
   * midnight starts neither a week nor a month, and the coming Monday is in the same month.
   */
  private static LocalDate advanceToAQuietTuesdayNoon() {
    LocalDate day = LocalDate.ofInstant(SIM.clock().now(), ZoneOffset.UTC).plusDays(1);
    while (day.getDayOfWeek() != DayOfWeek.TUESDAY || day.getDayOfMonth() > 20) {
      day = day.plusDays(1);
    }
    advanceTo(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
    return day;
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  // ---- /api/v1/key ---------------------------------------------------------------------------

  @Test
  void theKeyReportHasEveryFieldOfOpenRoutersShape() {
    JsonNode data = key("team");

    assertThat(data.get("label").asText()).isEqualTo("team");
    assertThat(data.get("limit").isNumber()).isTrue();
    assertThat(data.get("limit").asDouble()).isEqualTo(10.0);
    assertThat(data.get("limit_remaining").asDouble()).isEqualTo(10.0);
    assertThat(data.get("limit_reset").isNull()).isTrue();
    assertThat(data.get("include_byok_in_limit").asBoolean()).isFalse();
    for (String field : List.of("usage", "usage_daily", "usage_weekly", "usage_monthly",
        "byok_usage", "byok_usage_daily", "byok_usage_weekly", "byok_usage_monthly")) {
      assertThat(data.get(field)).as(field).isNotNull();
      assertThat(data.get(field).isNumber()).as(field).isTrue();
      assertThat(data.get(field).asDouble()).as(field).isZero();
    }
    assertThat(data.get("is_free_tier").asBoolean()).isFalse();
    assertThat(data.get("is_management_key").asBoolean()).isFalse();
    assertThat(data.get("is_provisioning_key").asBoolean()).isFalse();
    assertThat(data.get("creator_user_id").asText()).isEqualTo("user_acct-team");
    assertThat(data.get("expires_at").isNull()).isTrue();
    JsonNode rateLimit = data.get("rate_limit");
    assertThat(rateLimit.get("requests").asInt()).isEqualTo(-1);
    assertThat(rateLimit.get("interval").isTextual()).isTrue();
    assertThat(rateLimit.get("note").asText()).isEqualTo(DEPRECATED_NOTE);
    JsonNode free = data.get("free_model_daily_requests");
    assertThat(free.get("limit").asInt()).isEqualTo(1000);
    assertThat(free.get("remaining").asInt()).isEqualTo(1000);
    assertThat(free.get("used").asInt()).isZero();
  }

  @Test
  void aKeyWithoutALimitReportsNullLimitAndRemaining() {
    JsonNode data = key("second");

    assertThat(data.has("limit")).isTrue();
    assertThat(data.get("limit").isNull()).isTrue();
    assertThat(data.has("limit_remaining")).isTrue();
    assertThat(data.get("limit_remaining").isNull()).isTrue();
  }

  @Test
  void anAccountThatNeverBoughtCreditsIsFreeTierWithFiftyFreeRequestsADay() {
    JsonNode data = key("free");

    assertThat(data.get("is_free_tier").asBoolean()).isTrue();
    assertThat(data.get("creator_user_id").asText()).isEqualTo("user_acct-free");
    assertThat(data.get("free_model_daily_requests").get("limit").asInt()).isEqualTo(50);
    assertThat(data.get("free_model_daily_requests").get("remaining").asInt()).isEqualTo(50);
  }

  @Test
  void aManagementKeySaysSo() {
    assertThat(key("admin").get("is_management_key").asBoolean()).isTrue();
  }

  @Test
  void theOlderAuthKeyPathAnswersTheSame() {
    Reply older = SIM.http().get("/api/v1/auth/key", SIM.key("team"));

    assertThat(older.status()).isEqualTo(200);
    assertThat(older.json().get("data")).isEqualTo(key("team"));
  }

  @Test
  void freeModelRequestsAreCountedOnTheKeyReport() {
    chat("free", "vendor/small:free");
    chat("free", "vendor/small:free");

    JsonNode free = key("free").get("free_model_daily_requests");

    assertThat(free.get("used").asInt()).isEqualTo(2);
    assertThat(free.get("remaining").asInt()).isEqualTo(48);
    assertThat(free.get("limit").asInt()).isEqualTo(50);
  }

  @Test
  void usageGrowsByExactlyTheCostReportedInEachResponse() {
    double first = chat("team", "vendor/paid").get("usage").get("cost").asDouble();
    double second = chat("team", "vendor/plain").get("usage").get("cost").asDouble();
    assertThat(first).isPositive();
    assertThat(second).isPositive();

    JsonNode data = key("team");

    double total = first + second;
    assertThat(data.get("usage").asDouble()).isEqualTo(total);
    assertThat(data.get("usage_daily").asDouble()).isEqualTo(total);
    assertThat(data.get("usage_weekly").asDouble()).isEqualTo(total);
    assertThat(data.get("usage_monthly").asDouble()).isEqualTo(total);
    assertThat(data.get("limit_remaining").asDouble()).isEqualTo(10 - total);
    assertThat(key("second").get("usage").asDouble()).isZero();
  }

  @Test
  void freeModelsAddNothingToUsage() {
    chat("team", "vendor/small:free");

    assertThat(key("team").get("usage").asDouble()).isZero();
  }

  @Test
  void dailyUsageResetsAtUtcMidnightButTotalUsageDoesNot() {
    LocalDate tuesday = advanceToAQuietTuesdayNoon();
    double before = chat("team", "vendor/paid").get("usage").get("cost").asDouble();
    advanceTo(startOf(tuesday.plusDays(1)).minusSeconds(1));
    assertThat(key("team").get("usage_daily").asDouble()).isEqualTo(before);

    SIM.clock().advance(Duration.ofSeconds(1));

    JsonNode data = key("team");
    assertThat(data.get("usage_daily").asDouble()).isZero();
    assertThat(data.get("usage").asDouble()).isEqualTo(before);
    assertThat(data.get("usage_weekly").asDouble()).isEqualTo(before);
    assertThat(data.get("usage_monthly").asDouble()).isEqualTo(before);
    assertThat(data.get("limit_remaining").asDouble()).isEqualTo(10 - before);

    double after = chat("team", "vendor/paid").get("usage").get("cost").asDouble();

    assertThat(key("team").get("usage_daily").asDouble()).isEqualTo(after);
    assertThat(key("team").get("usage").asDouble()).isEqualTo(before + after);
  }

  @Test
  void weeklyUsageResetsOnMondayAndMonthlyUsageOnTheFirst() {
    LocalDate tuesday = advanceToAQuietTuesdayNoon();
    double cost = chat("team", "vendor/paid").get("usage").get("cost").asDouble();
    advanceTo(startOf(tuesday.plusDays(6)).minusMillis(1));
    assertThat(key("team").get("usage_weekly").asDouble()).isEqualTo(cost);

    advanceTo(startOf(tuesday.plusDays(6)));

    JsonNode monday = key("team");
    assertThat(monday.get("usage_weekly").asDouble()).isZero();
    assertThat(monday.get("usage_monthly").asDouble()).isEqualTo(cost);

    advanceTo(startOf(tuesday.plusMonths(1).withDayOfMonth(1)));

    JsonNode nextMonth = key("team");
    assertThat(nextMonth.get("usage_monthly").asDouble()).isZero();
    assertThat(nextMonth.get("usage").asDouble()).isEqualTo(cost);
  }

  @Test
  void aResponseIsChargedAndRecordedBeforeItsClientSeesItEnd() {
    double total = 0;
    for (int i = 0; i < 40; i++) {
      JsonNode completion = chat(i % 2 == 0 ? "team" : "second", "vendor/paid");
      SIM.clock().advance(Duration.ofSeconds(5));
      total += completion.get("usage").get("cost").asDouble();

      assertThat(generation("team", completion.get("id").asText()).status()).as("request %d", i).isEqualTo(200);
      Reply credits = SIM.http().get("/api/v1/credits", SIM.key("admin"));
      assertThat(credits.json().get("data").get("total_usage").asDouble()).as("request %d", i).isEqualTo(total);
    }
  }

  // ---- /api/v1/credits -----------------------------------------------------------------------

  @Test
  void creditsNeedAManagementKey() {
    Reply reply = SIM.http().get("/api/v1/credits", SIM.key("team"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(error(reply).get("code").asInt()).isEqualTo(403);
    assertThat(error(reply).get("message").asText()).isEqualTo("Only management keys can perform this operation");
    assertThat(reply.json().get("user_id").asText()).isEqualTo("user_acct-team");
  }

  @Test
  void creditsWithoutAuthorizationAskForTheAuthenticationHeader() {
    Reply reply = SIM.http().get("/api/v1/credits", null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(error(reply).get("message").asText()).isEqualTo("Missing Authentication header");
  }

  @Test
  void aManagementKeySeesTheMixedPresetsCredits() {
    Reply reply = MIXED.http().get("/api/v1/credits", MIXED.key("alpha-management"));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().get("data");
    assertThat(data.get("total_credits").asDouble()).isEqualTo(25.0);
    assertThat(data.get("total_usage").asDouble()).isZero();
    assertThat(MIXED.http().get("/api/v1/credits", MIXED.key("alpha")).status()).isEqualTo(403);
  }

  @Test
  void totalUsageIsTheAccountsSpendAndTotalCreditsDoNotGrowWithIt() {
    double first = chat("team", "vendor/paid").get("usage").get("cost").asDouble();
    double second = chat("second", "vendor/plain").get("usage").get("cost").asDouble();

    Reply reply = SIM.http().get("/api/v1/credits", SIM.key("admin"));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().get("data");
    assertThat(data.get("total_usage").asDouble()).isEqualTo(first + second);
    assertThat(data.get("total_credits").asDouble()).isEqualTo(40.0);
  }

  @Test
  void creditsBoughtShowInTheBalanceAndLiftAnAccountOffTheFreeTier() {
    Reply broke = SIM.http().post(CHAT, SIM.key("free"), body("vendor/paid"));
    assertThat(broke.status()).isEqualTo(402);

    SIM.simulator().addCredits("acct-free", 12.5);

    assertThat(SIM.http().post(CHAT, SIM.key("free"), body("vendor/paid")).status()).isEqualTo(200);
    assertThat(key("free").get("is_free_tier").asBoolean()).isFalse();
    assertThat(key("free").get("free_model_daily_requests").get("limit").asInt()).as("12.5 bought").isEqualTo(1000);
    SIM.simulator().addCredits("acct-team", 2);
    JsonNode data = SIM.http().get("/api/v1/credits", SIM.key("admin")).json().get("data");
    assertThat(data.get("total_credits").asDouble()).isEqualTo(42.0);
  }

  @Test
  void creditsForAnAccountTheScenarioLacksAreRefused() {
    assertThatThrownBy(() -> SIM.simulator().addCredits("acct-none", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acct-none");
  }

  // ---- /api/v1/generation --------------------------------------------------------------------

  @Test
  void aGenerationIsNotFoundUntilThePlatformsDelayHasPassed() {
    JsonNode completion = chat("team", "vendor/paid");
    String id = completion.get("id").asText();

    Reply early = generation("team", id);
    assertThat(early.status()).isEqualTo(404);
    assertThat(error(early).get("code").asInt()).isEqualTo(404);
    assertThat(error(early).get("message").asText()).isEqualTo("Generation " + id + " not found");
    assertThat(early.json().get("user_id").asText()).isEqualTo("user_acct-team");
    SIM.clock().advance(Duration.ofMillis(4999));
    assertThat(generation("team", id).status()).isEqualTo(404);

    SIM.clock().advance(Duration.ofMillis(1));

    Reply ready = generation("team", id);
    assertThat(ready.status()).isEqualTo(200);
    JsonNode data = ready.json().get("data");
    JsonNode usage = completion.get("usage");
    assertThat(data.get("id").asText()).isEqualTo(id);
    assertThat(data.get("model").asText()).isEqualTo("vendor/paid");
    assertThat(data.get("provider_name").asText()).isEqualTo(completion.get("provider").asText());
    assertThat(data.get("tokens_prompt").asInt()).isEqualTo(usage.get("prompt_tokens").asInt());
    assertThat(data.get("tokens_completion").asInt()).isEqualTo(usage.get("completion_tokens").asInt());
    assertThat(data.get("total_cost").asDouble()).isEqualTo(usage.get("cost").asDouble());
    assertThat(data.get("streamed").asBoolean()).isFalse();
    assertThat(data.get("finish_reason").asText())
        .isEqualTo(completion.get("choices").get(0).get("finish_reason").asText());
  }

  @Test
  void anotherKeyOfTheSameAccountSeesTheGeneration() {
    String id = chat("team", "vendor/paid").get("id").asText();
    SIM.clock().advance(Duration.ofSeconds(5));

    assertThat(generation("second", id).status()).isEqualTo(200);
  }

  @Test
  void anotherAccountsGenerationIsNotFound() {
    String id = chat("team", "vendor/paid").get("id").asText();
    SIM.clock().advance(Duration.ofSeconds(5));

    Reply reply = generation("free", id);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(error(reply).get("message").asText()).isEqualTo("Generation " + id + " not found");
    assertThat(reply.json().get("user_id").asText()).isEqualTo("user_acct-free");
  }

  @Test
  void anUnknownGenerationIsNotFound() {
    assertThat(generation("team", "gen-1790000000-AAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
  }

  @Test
  void aGenerationLookupWithoutAnIdIsABadRequest() {
    for (String path : List.of("/api/v1/generation", "/api/v1/generation?id=")) {
      Reply reply = SIM.http().get(path, SIM.key("team"));

      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(error(reply).get("code").asInt()).isEqualTo(400);
      assertThat(error(reply).get("message").asText()).isEqualTo("Invalid request: query parameter 'id' is required");
      assertThat(reply.json().get("user_id").asText()).isEqualTo("user_acct-team");
    }
  }

  @Test
  void aStreamedGenerationIsRecordedAsStreamed() {
    Reply reply = SIM.http().post(CHAT, SIM.key("team"), body("vendor/paid").replace("}]}", "}],\"stream\":true}"));
    assertThat(reply.status()).isEqualTo(200);
    String id = reply.header("X-Generation-Id");
    SIM.clock().advance(Duration.ofSeconds(5));

    JsonNode data = generation("team", id).json().get("data");

    assertThat(data.get("id").asText()).isEqualTo(id);
    assertThat(data.get("streamed").asBoolean()).isTrue();
  }

  private static Reply generation(String key, String id) {
    return SIM.http().get("/api/v1/generation?id=" + id, SIM.key(key));
  }

  // ---- /api/v1/models ------------------------------------------------------------------------

  @Test
  void theModelListDescribesEveryModelWithPricesAsStringsPerToken() {
    Reply reply = SIM.http().get("/api/v1/models", null);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().get("data");
    assertThat(ids(data)).containsExactly("vendor/paid", "vendor/plain", "vendor/small:free");
    for (JsonNode item : data) {
      for (String field : List.of("id", "canonical_slug", "name", "created", "context_length", "architecture",
          "pricing", "top_provider", "per_request_limits", "supported_parameters")) {
        assertThat(item.has(field)).as(item.get("id") + " has " + field).isTrue();
      }
      assertThat(item.get("pricing").get("prompt").isTextual()).isTrue();
      assertThat(item.get("pricing").get("completion").isTextual()).isTrue();
      assertThat(item.get("top_provider").get("is_moderated").isBoolean()).isTrue();
    }
    JsonNode paid = data.get(0);
    assertThat(paid.get("name").asText()).isEqualTo("Vendor: Paid");
    assertThat(paid.get("context_length").asInt()).isEqualTo(32768);
    assertThat(new BigDecimal(paid.get("pricing").get("prompt").asText())).isEqualByComparingTo("0.00000015");
    assertThat(new BigDecimal(paid.get("pricing").get("completion").asText())).isEqualByComparingTo("0.0000006");
    assertThat(paid.get("top_provider").get("context_length").asInt()).isEqualTo(32768);
    assertThat(paid.get("top_provider").get("max_completion_tokens").asInt()).isEqualTo(2048);
    assertThat(paid.get("top_provider").get("is_moderated").asBoolean()).isFalse();
    assertThat(texts(paid.get("supported_parameters"))).containsExactly("max_tokens", "temperature", "tools", "tool_choice");
    assertThat(data.get(1).get("top_provider").get("is_moderated").asBoolean()).isTrue();
  }

  @Test
  void freeVariantsHaveZeroPrices() {
    JsonNode free = SIM.http().get("/api/v1/models", null).json().get("data").get(2);

    assertThat(free.get("id").asText()).isEqualTo("vendor/small:free");
    assertThat(free.get("pricing").get("prompt").asText()).isEqualTo("0");
    assertThat(free.get("pricing").get("completion").asText()).isEqualTo("0");
    assertThat(free.get("canonical_slug").asText()).isEqualTo("vendor/small");
  }

  @Test
  void supportedParametersFilterTheModelList() {
    assertThat(ids(models("?supported_parameters=tools"))).containsExactly("vendor/paid", "vendor/small:free");
    assertThat(ids(models("?supported_parameters=response_format"))).containsExactly("vendor/plain", "vendor/small:free");
    assertThat(ids(models("?supported_parameters=tools,response_format"))).containsExactly("vendor/small:free");
    assertThat(ids(models("?supported_parameters=web_search"))).isEmpty();
  }

  private static JsonNode models(String query) {
    Reply reply = SIM.http().get("/api/v1/models" + query, null);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get("data");
  }

  private static List<String> ids(JsonNode data) {
    List<String> ids = new ArrayList<>();
    data.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.asText()));
    return values;
  }

  // ---- unknown paths and methods -------------------------------------------------------------

  @Test
  void anUnknownPathIsAJsonNotFound() {
    Reply reply = SIM.http().get("/api/v1/embeddingz", SIM.key("team"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(error(reply).get("code").asInt()).isEqualTo(404);
    assertThat(error(reply).get("message").asText()).isEqualTo("Not Found: /api/v1/embeddingz");
  }

  @Test
  void aWrongMethodIsMethodNotAllowedWithAnAllowHeader() {
    Reply getChat = SIM.http().get(CHAT, SIM.key("team"));
    Reply postModels = SIM.http().post("/api/v1/models", SIM.key("team"), "{}");
    Reply deleteKey = SIM.http().send(SIM.http().builder("/api/v1/key", SIM.key("team"), Map.of()).DELETE().build());

    assertThat(getChat.status()).isEqualTo(405);
    assertThat(getChat.header("Allow")).isEqualTo("POST");
    assertThat(error(getChat).get("code").asInt()).isEqualTo(405);
    assertThat(error(getChat).get("message").asText()).isEqualTo("GET is not allowed here; use POST");
    assertThat(postModels.status()).isEqualTo(405);
    assertThat(postModels.header("Allow")).isEqualTo("GET");
    assertThat(deleteKey.status()).isEqualTo(405);
    assertThat(deleteKey.header("Allow")).isEqualTo("GET");
    assertThat(SIM.simulator().stats("team").attempts()).isZero();
  }

  @Test
  void headIsAllowedWhereGetIs() {
    Reply reply = SIM.http().send(SIM.http().builder("/api/v1/models", null, Map.of())
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(reply.status()).isEqualTo(200);
  }
}

package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Money, over real HTTP: 402 when the account cannot pay (zero or negative balance, or not
 * enough for max_tokens, with the affordable count), the per-key variant when a key's limit is
 * short, and 403 once a key has spent its whole limit.
 */
class CreditsAndKeyLimitsTest {

  /** 2^-16 USD per token: sums of such costs are exact in binary, so a key can spend its limit to the cent. */
  private static final String EXACT_PRICE = "0.0000152587890625";
  /** Three requests of 8 prompt + 4 completion tokens at {@link #EXACT_PRICE}. */
  private static final String CAPPED_LIMIT = "0.00054931640625";

  private static final String SCENARIO = """
      name: credits
      accounts:
        - id: acct-broke
          credits: 0
          keys: [{key: sk-or-v1-test-broke, label: broke}]
        - id: acct-debt
          credits: -0.5
          purchased: 10
          keys: [{key: sk-or-v1-test-debt, label: debt}]
        - id: acct-small
          credits: 0.01
          purchased: 0.01
          keys: [{key: sk-or-v1-test-small, label: small}]
        - id: acct-team
          credits: 100
          purchased: 100
          keys:
            - {key: sk-or-v1-test-capped, label: capped, limit: %s}
            - {key: sk-or-v1-test-open, label: open}
      models:
        - id: vendor/paid
          max-completion-tokens: 4096
          pricing: {prompt: 0.000001, completion: 0.000003}
          providers: [{name: DeepInfra}]
        - id: vendor/exact
          pricing: {prompt: %s, completion: %s}
          completion: {min: 4, max: 4}
          providers: [{name: DeepInfra}]
        - id: vendor/small:free
          providers: [{name: Chutes}]
      """.formatted(CAPPED_LIMIT, EXACT_PRICE, EXACT_PRICE);

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "credits"));

  private static final String PATH = "/api/v1/chat/completions";
  private static final BigDecimal PROMPT_PRICE = new BigDecimal("0.000001");
  private static final BigDecimal COMPLETION_PRICE = new BigDecimal("0.000003");
  /** "hi" from the user: 3 to prime the reply, 3 for the message, 1 for the role, 1 for the text. */
  private static final int HI_PROMPT_TOKENS = 8;
  private static final String INSUFFICIENT = "Insufficient credits. Add more using https://openrouter.ai/settings/credits";
  private static final Pattern AFFORD = Pattern.compile("You requested up to (\\d+) tokens, but can only afford (\\d+)\\.");

  private static String body(String model, Integer maxTokens, String content) {
    return "{\"model\":\"" + model + "\"" + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens)
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
  }

  private static Reply send(String key, String body) {
    return SIM.http().post(PATH, SIM.key(key), body);
  }

  private static JsonNode error(Reply reply) {
    return reply.json().get("error");
  }

  private static void assertInsufficientCredits(Reply reply, String userId) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(402);
    assertThat(error(reply).get("code").asInt()).isEqualTo(402);
    assertThat(error(reply).get("message").asText()).isEqualTo(INSUFFICIENT);
    assertThat(error(reply).get("metadata").get("limit_source").asText()).isEqualTo("openrouter_credits");
    assertThat(error(reply).get("metadata").get("remedy_hint").asText()).contains("https://openrouter.ai/settings/credits");
    assertThat(reply.json().get("user_id").asText()).isEqualTo(userId);
  }

  /** Completion tokens {@code budget} pays for after the prompt, at vendor/paid's prices, in exact decimal. */
  private static long affordable(String budget, int promptTokens) {
    return new BigDecimal(budget).subtract(PROMPT_PRICE.multiply(BigDecimal.valueOf(promptTokens)))
        .divide(COMPLETION_PRICE, 0, RoundingMode.FLOOR).longValueExact();
  }

  private static String cannotAfford(int requested, long affordable, String tail) {
    return "This request requires more credits, or fewer max_tokens. You requested up to " + requested
        + " tokens, but can only afford " + affordable + ". " + tail;
  }

  @Test
  void aPaidModelWithAZeroBalanceIsInsufficientCredits() {
    assertInsufficientCredits(send("broke", body("vendor/paid", 16, "hi")), "user_acct-broke");
  }

  @Test
  void aFreeModelWithAZeroBalanceIsServed() {
    assertThat(send("broke", body("vendor/small:free", 16, "hi")).status()).isEqualTo(200);
  }

  @Test
  void aNegativeBalanceIsInsufficientCreditsEvenOnAFreeModel() {
    assertInsufficientCredits(send("debt", body("vendor/small:free", 16, "hi")), "user_acct-debt");
    assertInsufficientCredits(send("debt", body("vendor/paid", 16, "hi")), "user_acct-debt");
  }

  @Test
  void tooManyMaxTokensForTheBalanceSaysHowManyItCanAfford() {
    Reply reply = send("small", body("vendor/paid", 64000, "hi"));

    assertThat(reply.status()).isEqualTo(402);
    assertThat(error(reply).get("code").asInt()).isEqualTo(402);
    assertThat(affordable("0.01", HI_PROMPT_TOKENS)).isEqualTo(3330);
    assertThat(error(reply).get("message").asText()).isEqualTo(cannotAfford(64000, 3330,
        "To increase, visit https://openrouter.ai/settings/credits and add more credits"));
    assertThat(error(reply).get("metadata").has("provider_name")).isTrue();
    assertThat(error(reply).get("metadata").get("provider_name").isNull()).isTrue();
    assertThat(reply.json().get("user_id").asText()).isEqualTo("user_acct-small");
  }

  @Test
  void withoutMaxTokensTheRequestReservesTheModelsMaxCompletionTokens() {
    Reply reply = send("small", body("vendor/paid", null, "hi"));

    assertThat(reply.status()).isEqualTo(402);
    assertThat(error(reply).get("message").asText()).contains("You requested up to 4096 tokens, but can only afford 3330.");
  }

  @Test
  void theAffordableCountIsExactlyWhatTheBalancePays() {
    for (int words = 0; words <= 55; words++) {
      SIM.simulator().reset();
      String content = "hi" + " hi".repeat(words);
      Reply refused = send("small", body("vendor/paid", 64000, content));
      assertThat(refused.status()).as("%d words", words).isEqualTo(402);
      Matcher m = AFFORD.matcher(error(refused).get("message").asText());
      assertThat(m.find()).as(error(refused).toString()).isTrue();
      int canAfford = Integer.parseInt(m.group(2));

      Reply oneMore = send("small", body("vendor/paid", canAfford + 1, content));
      Reply exactly = send("small", body("vendor/paid", canAfford, content));

      assertThat(oneMore.status()).as("%d words: max_tokens %d", words, canAfford + 1).isEqualTo(402);
      assertThat(error(oneMore).get("message").asText()).contains("but can only afford " + canAfford + ".");
      assertThat(exactly.status()).as("%d words: max_tokens %d", words, canAfford).isEqualTo(200);
      int promptTokens = exactly.json().get("usage").get("prompt_tokens").asInt();
      assertThat(canAfford).as("%d prompt tokens", promptTokens).isEqualTo(affordable("0.01", promptTokens));
    }
  }

  @Test
  void aKeyLimitShorterThanTheBalanceGivesThePerKeyVariant() {
    Reply reply = send("capped", body("vendor/paid", 4096, "hi"));

    assertThat(reply.status()).isEqualTo(402);
    assertThat(error(reply).get("message").asText()).isEqualTo(cannotAfford(4096,
        affordable(CAPPED_LIMIT, HI_PROMPT_TOKENS),
        "To increase, visit https://openrouter.ai/settings/keys and create a key with a higher monthly limit"));
    assertThat(reply.json().get("user_id").asText()).isEqualTo("user_acct-team");
  }

  @Test
  void aKeyThatHasSpentItsWholeLimitIsRefusedWithKeyLimitExceeded() {
    BigDecimal spent = BigDecimal.ZERO;
    for (int i = 0; i < 3; i++) {
      Reply served = send("capped", body("vendor/exact", 4, "hi"));
      assertThat(served.status()).as("request %d: %s", i, served.body()).isEqualTo(200);
      JsonNode usage = served.json().get("usage");
      assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(HI_PROMPT_TOKENS);
      assertThat(usage.get("completion_tokens").asInt()).isEqualTo(4);
      spent = spent.add(usage.get("cost").decimalValue());
    }
    assertThat(spent).isEqualByComparingTo(CAPPED_LIMIT);

    Reply refused = send("capped", body("vendor/exact", 4, "hi"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(error(refused).get("code").asInt()).isEqualTo(403);
    assertThat(error(refused).get("message").asText()).isEqualTo("Key limit exceeded (total limit)");
    assertThat(refused.json().get("user_id").asText()).isEqualTo("user_acct-team");
    JsonNode key = SIM.http().get("/api/v1/key", SIM.key("capped")).json().get("data");
    assertThat(key.get("usage").decimalValue()).isEqualByComparingTo(CAPPED_LIMIT);
    assertThat(key.get("limit").decimalValue()).isEqualByComparingTo(CAPPED_LIMIT);
    assertThat(key.get("limit_remaining").asDouble()).isZero();
  }

  @Test
  void anotherKeyOfTheSameAccountIsNotHeldByAnExhaustedKeysLimit() {
    for (int i = 0; i < 3; i++) {
      send("capped", body("vendor/exact", 4, "hi"));
    }
    assertThat(send("capped", body("vendor/exact", 4, "hi")).status()).isEqualTo(403);

    assertThat(send("open", body("vendor/exact", 4, "hi")).status()).isEqualTo(200);
  }

  @Test
  void refusedRequestsCostNothing() {
    send("small", body("vendor/paid", 64000, "hi"));
    send("broke", body("vendor/paid", 16, "hi"));

    assertThat(SIM.http().get("/api/v1/key", SIM.key("small")).json().get("data").get("usage").asDouble()).isZero();
    assertThat(send("small", body("vendor/paid", 3330, "hi")).status()).isEqualTo(200);
  }

  @Test
  void statsCountMoneyRefusalsByStatus() {
    send("broke", body("vendor/paid", 16, "hi"));
    send("broke", body("vendor/small:free", 16, "hi"));
    send("small", body("vendor/paid", 64000, "hi"));
    send("small", body("vendor/paid", 64000, "hi"));
    for (int i = 0; i < 4; i++) {
      send("capped", body("vendor/exact", 4, "hi"));
    }

    JsonNode keys = SIM.http().get("/sim/stats", null).json().get("keys");

    assertThat(keys.get("broke").get("attempts").asLong()).isEqualTo(2);
    assertThat(keys.get("broke").get("successes").asLong()).isEqualTo(1);
    assertThat(keys.get("broke").get("errors").get("402").asLong()).isEqualTo(1);
    assertThat(keys.get("small").get("attempts").asLong()).isEqualTo(2);
    assertThat(keys.get("small").get("errors").get("402").asLong()).isEqualTo(2);
    assertThat(keys.get("capped").get("attempts").asLong()).isEqualTo(4);
    assertThat(keys.get("capped").get("successes").asLong()).isEqualTo(3);
    assertThat(keys.get("capped").get("errors").get("403").asLong()).isEqualTo(1);
    assertThat(keys.get("capped").get("spend").decimalValue()).isEqualByComparingTo(CAPPED_LIMIT);
  }
}

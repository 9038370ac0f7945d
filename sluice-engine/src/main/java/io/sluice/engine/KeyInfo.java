package io.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.breaker.CreditEvidence;
import io.sluice.engine.pacing.FreeModelLimits;
import java.math.BigDecimal;
import java.util.OptionalInt;

/**
 * What OpenRouter's {@code GET /api/v1/key} (or the older {@code /api/v1/auth/key}) says about the
 * account, as far as the engine needs it. Components are null when the reading did not say.
 *
 * @param label the key's masked label
 * @param freeTier {@code is_free_tier}: true for an account that never bought credits (the
 *     OpenAPI description; the prose docs word it the other way round, so {@link
 *     #freeModelDailyRequests} wins when present)
 * @param limit the key's spend limit in USD
 * @param limitRemaining what is left of it: the limit less the key's usage, not the account's
 *     balance
 * @param usage USD the key spent, all time
 * @param freeModelDailyRequests {@code free_model_daily_requests}, the upstream's own daily counter
 */
public record KeyInfo(
    String label, Boolean freeTier, BigDecimal limit, BigDecimal limitRemaining, BigDecimal usage,
    FreeDaily freeModelDailyRequests) {

  /**
   * The free-model daily counter of the UTC day; any component null when absent.
   *
   * @param limit requests allowed today
   * @param remaining requests left today
   * @param used requests counted today, failed ones included
   */
  public record FreeDaily(Integer limit, Integer remaining, Integer used) {}

  /**
   * The same reading without what it says about the daily cap (the tier and the counter's limit),
   * for a caller whose cap is configured: only the requests left today are learned from it.
   */
  public KeyInfo withoutDailyCap() {
    FreeDaily counter = freeModelDailyRequests == null ? null
        : new FreeDaily(null, freeModelDailyRequests.remaining(), freeModelDailyRequests.used());
    return new KeyInfo(label, null, limit, limitRemaining, usage, counter);
  }

  /**
   * Reads a key body ({@code {"data":{…}}}).
   *
   * @throws IllegalArgumentException if the body is not JSON or has no {@code data} object
   */
  public static KeyInfo parse(byte[] body) {
    JsonNode data = DataBody.data(body, "key");
    JsonNode free = data.path("free_model_daily_requests");
    FreeDaily daily = free.isObject()
        ? new FreeDaily(count(free.path("limit")), count(free.path("remaining")), count(free.path("used")))
        : null;
    return new KeyInfo(data.path("label").isTextual() ? data.path("label").asText() : null,
        data.path("is_free_tier").isBoolean() ? data.path("is_free_tier").asBoolean() : null,
        DataBody.decimal(data.path("limit")), DataBody.decimal(data.path("limit_remaining")),
        DataBody.decimal(data.path("usage")), daily);
  }

  /**
   * The account's free-model requests per UTC day: the counter's own limit when reported, else 50
   * on the free tier and 1000 off it; empty when the reading says neither.
   */
  public OptionalInt freeModelsPerDay() {
    if (freeModelDailyRequests != null && freeModelDailyRequests.limit() != null && freeModelDailyRequests.limit() > 0) {
      return OptionalInt.of(freeModelDailyRequests.limit());
    }
    if (freeTier == null) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(freeTier ? FreeModelLimits.REQUESTS_PER_DAY : FreeModelLimits.REQUESTS_PER_DAY_WITH_CREDITS);
  }

  /**
   * What this reading says about credit, for the credits breaker: {@link
   * CreditEvidence#SHOWS_NO_CREDIT} when the key has a spend limit and nothing of it remains (the
   * key cannot pay, whatever the account holds); otherwise {@link CreditEvidence#SAYS_NOTHING}.
   * The key never shows credit: {@code limit_remaining} is the key's own allowance, and an
   * out-of-credits answer is about the account's balance (a key's exhausted limit is classified
   * apart, as {@code KEY_LIMIT}), which only {@link CreditsInfo} reports.
   */
  public CreditEvidence creditEvidence() {
    if (limit != null && limitRemaining != null && limitRemaining.signum() <= 0) {
      return CreditEvidence.SHOWS_NO_CREDIT;
    }
    return CreditEvidence.SAYS_NOTHING;
  }

  private static Integer count(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0 ? node.intValue() : null;
  }
}

package io.sluice.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.breaker.CreditEvidence;
import java.math.BigDecimal;

/**
 * What OpenRouter's {@code GET /api/v1/credits} says about the account: credits bought and used,
 * all time, in USD. OpenRouter answers it to a management key only (403 to others). Components
 * are null when the reading did not say.
 *
 * @param totalCredits {@code total_credits}
 * @param totalUsage {@code total_usage}
 */
public record CreditsInfo(BigDecimal totalCredits, BigDecimal totalUsage) {

  /**
   * Reads a credits body ({@code {"data":{"total_credits":…,"total_usage":…}}}).
   *
   * @throws IllegalArgumentException if the body is not JSON or has no {@code data} object
   */
  public static CreditsInfo parse(byte[] body) {
    JsonNode data = DataBody.data(body, "credits");
    return new CreditsInfo(DataBody.decimal(data.path("total_credits")), DataBody.decimal(data.path("total_usage")));
  }

  /** {@code total_credits − total_usage}, or null when either is missing. */
  public BigDecimal balance() {
    return totalCredits == null || totalUsage == null ? null : totalCredits.subtract(totalUsage);
  }

  /**
   * What this reading says about credit, for the credits breaker: a balance above zero shows credit
   * (however small: a request costing more may meet another out-of-credits answer, which stops
   * paid traffic again); zero or less shows none; a reading without both figures says nothing.
   */
  public CreditEvidence creditEvidence() {
    BigDecimal balance = balance();
    if (balance == null) {
      return CreditEvidence.SAYS_NOTHING;
    }
    return balance.signum() > 0 ? CreditEvidence.SHOWS_CREDIT : CreditEvidence.SHOWS_NO_CREDIT;
  }
}

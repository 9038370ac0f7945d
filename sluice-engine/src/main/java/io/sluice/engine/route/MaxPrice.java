package io.sluice.engine.route;

import java.math.BigDecimal;

/**
 * A price ceiling in USD per million tokens, the unit of OpenRouter's {@code provider.max_price}
 * (the catalog's prices are per token). A null component sets no ceiling on that side. A model
 * whose price on a capped side is unknown does not meet the ceiling.
 *
 * @param prompt the most a million prompt tokens may cost; null for no ceiling
 * @param completion the most a million completion tokens may cost; null for no ceiling
 */
public record MaxPrice(BigDecimal prompt, BigDecimal completion) {

  /** No ceiling. */
  public static final MaxPrice NONE = new MaxPrice(null, null);

  public MaxPrice {
    if (prompt != null && prompt.signum() < 0 || completion != null && completion.signum() < 0) {
      throw new IllegalArgumentException("a price ceiling must not be negative, was " + prompt + " / " + completion);
    }
  }

  /** Whether {@code model}'s prices are known and within the ceiling. */
  public boolean admits(ModelInfo model) {
    return within(model.promptPricePerMillion(), prompt) && within(model.completionPricePerMillion(), completion);
  }

  private static boolean within(BigDecimal price, BigDecimal ceiling) {
    return ceiling == null || price != null && price.compareTo(ceiling) <= 0;
  }
}

package io.sluice.simulator.scenario;

/**
 * Prices in USD per token, as OpenRouter's catalog states them.
 *
 * @param prompt per prompt token
 * @param completion per completion token
 */
public record Pricing(Double prompt, Double completion) {

  public static final Pricing FREE = new Pricing(0.0, 0.0);

  public Pricing {
    prompt = Checks.nonNegative(prompt, "pricing.prompt");
    completion = Checks.nonNegative(completion, "pricing.completion");
  }

  public boolean isFree() {
    return prompt == 0 && completion == 0;
  }

  public double cost(long promptTokens, long completionTokens) {
    return promptTokens * prompt + completionTokens * completion;
  }
}

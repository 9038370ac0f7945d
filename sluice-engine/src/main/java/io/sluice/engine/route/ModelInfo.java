package io.sluice.engine.route;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * What the upstream's {@code /models} catalog says about one model, as far as routing needs it.
 * Built by {@link ModelListParser} or directly (tests, configuration).
 *
 * @param id the model id clients send as {@code model}, e.g. {@code meta-llama/llama-3.3-70b-instruct:free}
 * @param contextLength the context window in tokens (prompt and completion together); 0 when the
 *     catalog did not say, and such a model meets no context requirement
 * @param promptPrice USD per prompt token; null when unknown (absent, unreadable or negative, as
 *     for {@code openrouter/auto}), and such a model meets no price ceiling
 * @param completionPrice USD per completion token; null when unknown, as for {@code promptPrice}
 * @param supportedParameters the request parameters the model accepts ({@code tools}, {@code
 *     response_format}, {@code structured_outputs}, …); never null
 */
public record ModelInfo(
    String id, int contextLength, BigDecimal promptPrice, BigDecimal completionPrice, Set<String> supportedParameters) {

  /** The id suffix of OpenRouter's free variants. */
  public static final String FREE_SUFFIX = ":free";

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public ModelInfo {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (contextLength < 0) {
      throw new IllegalArgumentException("contextLength must be at least 0, was " + contextLength);
    }
    requireNotNegative(promptPrice, "promptPrice");
    requireNotNegative(completionPrice, "completionPrice");
    supportedParameters = Set.copyOf(Objects.requireNonNull(supportedParameters, "supportedParameters"));
  }

  /**
   * Whether the model is free: its id ends with {@code :free}, or both its prices are zero. Free
   * models share the account's free-model limits (20 a minute, the daily cap).
   */
  public boolean free() {
    return id.endsWith(FREE_SUFFIX)
        || promptPrice != null && completionPrice != null && promptPrice.signum() == 0 && completionPrice.signum() == 0;
  }

  /** Whether the model accepts {@code tools} (function calling). */
  public boolean supportsTools() {
    return supportedParameters.contains("tools");
  }

  /**
   * Whether the model accepts {@code response_format} of type {@code json_schema}: OpenRouter lists
   * that as {@code structured_outputs}; {@code response_format} alone means JSON mode only.
   */
  public boolean supportsStructuredOutputs() {
    return supportedParameters.contains("structured_outputs");
  }

  /** The prompt price in USD per million tokens, the unit of OpenRouter's {@code max_price}; null when unknown. */
  public BigDecimal promptPricePerMillion() {
    return promptPrice == null ? null : promptPrice.multiply(MILLION);
  }

  /** The completion price in USD per million tokens; null when unknown. */
  public BigDecimal completionPricePerMillion() {
    return completionPrice == null ? null : completionPrice.multiply(MILLION);
  }

  private static void requireNotNegative(BigDecimal price, String name) {
    if (price != null && price.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + price);
    }
  }
}

package io.sluice.engine.route;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What one request needs from a model, read from its body by the gateway (only what routing
 * needs). Every candidate must meet it: a context window of at least {@link #tokensNeeded()},
 * {@code tools} support when the request has tools, {@code structured_outputs} when its {@code
 * response_format} is {@code json_schema}.
 *
 * @param promptTokens the estimated prompt tokens; see {@link #estimateTokens(long)}
 * @param maxTokens the request's {@code max_tokens} (or {@code max_completion_tokens}); 0 when it
 *     gives none, and then only the prompt must fit
 * @param usesTools whether the request has {@code tools}
 * @param structuredOutput whether its {@code response_format} is {@code json_schema}
 * @param clientModels the client's own {@code models} list (OpenRouter's fallback list), in order,
 *     duplicates dropped; empty when it sent none. When present it is the candidate list, in place
 *     of the route's; the route's requirements still apply. At most {@value #MAX_CLIENT_MODELS}
 */
public record RequestNeeds(
    int promptTokens, int maxTokens, boolean usesTools, boolean structuredOutput, List<String> clientModels) {

  /** OpenRouter's cap on the {@code models} list: a longer one is answered with a 400. */
  public static final int MAX_CLIENT_MODELS = 3;

  /** OpenRouter's own message for a {@code models} list over the cap; Sluice answers it the same way. */
  public static final String TOO_MANY_MODELS = "'models' array must have 3 items or fewer.";

  /**
   * @throws IllegalArgumentException for negative counts, a blank model id, or more than {@value
   *     #MAX_CLIENT_MODELS} client models (with {@link #TOO_MANY_MODELS} as the message, for the 400)
   */
  public RequestNeeds {
    if (promptTokens < 0 || maxTokens < 0) {
      throw new IllegalArgumentException(
          "promptTokens and maxTokens must not be negative, were " + promptTokens + " and " + maxTokens);
    }
    Objects.requireNonNull(clientModels, "clientModels");
    if (clientModels.size() > MAX_CLIENT_MODELS) {
      throw new IllegalArgumentException(TOO_MANY_MODELS);
    }
    for (String model : clientModels) {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("a model id in 'models' must not be blank, was " + clientModels);
      }
    }
    clientModels = List.copyOf(new LinkedHashSet<>(clientModels));
  }

  /** A request without tools, structured output or its own {@code models} list. */
  public static RequestNeeds of(int promptTokens, int maxTokens) {
    return new RequestNeeds(promptTokens, maxTokens, false, false, List.of());
  }

  /**
   * A cheap estimate of the tokens in {@code utf8Bytes} of prompt: one token per 4 bytes, rounded
   * up. Real tokenizers give about 4 characters a token for English text, fewer for code and
   * non-Latin scripts, so the estimate is rough; a request it lets through to a too-small model
   * comes back as a context-length error, and the planner then moves to a larger window.
   */
  public static int estimateTokens(long utf8Bytes) {
    if (utf8Bytes < 0) {
      throw new IllegalArgumentException("utf8Bytes must not be negative, was " + utf8Bytes);
    }
    return (int) Math.min(Integer.MAX_VALUE, utf8Bytes / 4 + (utf8Bytes % 4 == 0 ? 0 : 1));
  }

  /** The context window a model needs: the prompt estimate plus {@code max_tokens}. */
  public long tokensNeeded() {
    return (long) promptTokens + maxTokens;
  }
}

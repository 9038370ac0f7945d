package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.util.List;

/**
 * A model in the catalog and the providers that serve it. A model whose id ends in
 * {@code :free} counts toward the account's free-model limits.
 *
 * @param id slug such as {@code meta-llama/llama-3.3-70b-instruct:free}
 * @param name display name
 * @param contextLength the model's context window in tokens
 * @param pricing default USD per token, used by providers that state none
 * @param maxCompletionTokens the most a completion may have; also the reservation when a request states no max_tokens
 * @param supportedParameters request parameters the model understands ({@code tools}, {@code response_format}, ...)
 * @param moderated whether inputs are moderated (a message containing {@link #FLAG_PHRASE} is flagged)
 * @param completion how long natural completions are
 * @param providers who serves it, at least one
 */
public record ModelSpec(
    String id,
    String name,
    Integer contextLength,
    Pricing pricing,
    Integer maxCompletionTokens,
    List<String> supportedParameters,
    Boolean moderated,
    CompletionLength completion,
    List<ProviderSpec> providers) {

  /** Text that a moderated model flags as a policy violation. */
  public static final String FLAG_PHRASE = "sim:flag";

  public ModelSpec {
    require(id != null && !id.isBlank(), "models[].id is required");
    name = orDefault(name, id);
    contextLength = orDefault(contextLength, 131_072);
    require(contextLength > 0, "models[" + id + "].context-length must be > 0, was " + contextLength);
    pricing = orDefault(pricing, Pricing.FREE);
    require(!id.endsWith(":free") || pricing.isFree(), "models[" + id + "]: a :free model must have zero prices");
    maxCompletionTokens = orDefault(maxCompletionTokens, Math.min(contextLength, 16_384));
    require(maxCompletionTokens > 0, "models[" + id + "].max-completion-tokens must be > 0");
    supportedParameters = List.copyOf(orDefault(supportedParameters,
        List.of("max_tokens", "temperature", "top_p", "stop", "seed", "tools", "tool_choice", "response_format")));
    moderated = orDefault(moderated, false);
    completion = orDefault(completion, CompletionLength.DEFAULTS);
    providers = List.copyOf(orDefault(providers, List.of()));
    require(!providers.isEmpty(), "models[" + id + "].providers: at least one provider is required");
  }

  public boolean isFree() {
    return id.endsWith(":free");
  }
}

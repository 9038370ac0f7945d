package io.sluice.upstream.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The {@code usage} a response reports, counted by the model's own tokenizer. Counts absent on
 * the wire are 0.
 *
 * @param promptTokens {@code prompt_tokens}
 * @param completionTokens {@code completion_tokens}
 * @param totalTokens {@code total_tokens}, or the sum of the two when absent
 * @param cost {@code cost} in credits (1 credit = 1 USD), exactly as sent; null when absent (as
 *     before late 2025 unless usage accounting was asked for)
 * @param cachedTokens {@code prompt_tokens_details.cached_tokens}: prompt tokens read from cache
 * @param cacheWriteTokens {@code prompt_tokens_details.cache_write_tokens}
 * @param reasoningTokens {@code completion_tokens_details.reasoning_tokens}
 */
public record Usage(
    long promptTokens,
    long completionTokens,
    long totalTokens,
    BigDecimal cost,
    long cachedTokens,
    long cacheWriteTokens,
    long reasoningTokens) {

  static Usage read(JsonNode usage) {
    long prompt = Json.count(usage.path("prompt_tokens"));
    long completion = Json.count(usage.path("completion_tokens"));
    JsonNode total = usage.path("total_tokens");
    JsonNode promptDetails = usage.path("prompt_tokens_details");
    return new Usage(
        prompt,
        completion,
        total.isIntegralNumber() ? Json.count(total) : prompt + completion,
        Json.decimal(usage.path("cost")),
        Json.count(promptDetails.path("cached_tokens")),
        Json.count(promptDetails.path("cache_write_tokens")),
        Json.count(usage.path("completion_tokens_details").path("reasoning_tokens")));
  }
}

package io.sluice.engine.route;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.Outcome.RateLimit;
import io.sluice.engine.outcome.OutcomeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small catalog for planner tests: free and paid models, small and large windows. */
final class Models {

  static final ModelInfo FREE_SMALL = model("meta-llama/llama-3.2-3b-instruct:free", 8_192, "0", "0", "tools");
  static final ModelInfo FREE_LARGE = model("meta-llama/llama-3.3-70b-instruct:free", 65_536, "0", "0", "tools");
  static final ModelInfo PAID_SMALL = model("mistralai/mistral-nemo", 16_384, "0.00000002", "0.00000004",
      "tools", "response_format");
  static final ModelInfo PAID_LARGE = model("openai/gpt-4o-mini", 128_000, "0.00000015", "0.0000006",
      "tools", "response_format", "structured_outputs");
  static final ModelInfo PAID_HUGE = model("google/gemini-2.5-flash", 1_048_576, "0.0000003", "0.0000025",
      "tools", "structured_outputs");

  static final Map<String, ModelInfo> CATALOG =
      ModelListParser.byId(List.of(FREE_SMALL, FREE_LARGE, PAID_SMALL, PAID_LARGE, PAID_HUGE));

  private Models() {}

  static ModelInfo model(String id, int context, String prompt, String completion, String... parameters) {
    return new ModelInfo(id, context, new BigDecimal(prompt), new BigDecimal(completion), Set.of(parameters));
  }

  static RoutePolicy route(ModelInfo... models) {
    return RoutePolicy.of(List.of(models).stream().map(ModelInfo::id).toList());
  }

  static Outcome outcome(OutcomeType type, Instant retryAt) {
    return new Outcome(type, 0, false, null, retryAt, RateLimit.NONE, null, type.name().toLowerCase() + " here", null);
  }

  static Outcome outcome(OutcomeType type) {
    return outcome(type, null);
  }
}

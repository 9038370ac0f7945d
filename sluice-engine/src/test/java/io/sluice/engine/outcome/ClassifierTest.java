package io.sluice.engine.outcome;

import static io.sluice.engine.outcome.OutcomeType.ACCOUNT_PER_MINUTE;
import static io.sluice.engine.outcome.OutcomeType.AUTH;
import static io.sluice.engine.outcome.OutcomeType.BAD_REQUEST;
import static io.sluice.engine.outcome.OutcomeType.CONTEXT_TOO_LONG;
import static io.sluice.engine.outcome.OutcomeType.CREDITS_IN_FLIGHT;
import static io.sluice.engine.outcome.OutcomeType.FREE_DAILY_CAP;
import static io.sluice.engine.outcome.OutcomeType.KEY_LIMIT;
import static io.sluice.engine.outcome.OutcomeType.MODERATION;
import static io.sluice.engine.outcome.OutcomeType.NO_ENDPOINT;
import static io.sluice.engine.outcome.OutcomeType.OUT_OF_CREDITS;
import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.PROVIDER_THROTTLED;
import static io.sluice.engine.outcome.OutcomeType.SUCCESS;
import static io.sluice.engine.outcome.OutcomeType.TIMEOUT;
import static io.sluice.engine.outcome.Row.NOW;
import static io.sluice.engine.outcome.Row.row;
import static io.sluice.engine.outcome.Wire.chunk;
import static io.sluice.engine.outcome.Wire.okBody;
import static io.sluice.engine.outcome.Wire.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.WireBodies;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every body OPENROUTER.md quotes, in the form it was seen in, classified into its cause with the
 * evidence the engine needs. Each row cites the source tag OPENROUTER.md gives the body.
 */
class ClassifierTest {

  private static final String RESET_2026_10_11 = "2026-10-11T00:00:00Z";

  static Stream<Row> freeModelLimits() {
    return Stream.of(
        row("C-70438598957", "free-models-per-min, body only", response(429, WireBodies.FREE_PER_MINUTE),
            ACCOUNT_PER_MINUTE),
        row("C-71115510737 + D-lim headers", "free-models-per-min with limit headers and Retry-After",
            response(429, Map.of("X-RateLimit-Limit", "20", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Long.toString(NOW.plusSeconds(40).toEpochMilli()), "Retry-After", "30"),
                WireBodies.FREE_PER_MINUTE),
            ACCOUNT_PER_MINUTE).retryAfter(Duration.ofSeconds(40)).limits(20, 0, NOW.plusSeconds(40).toString()),
        row("I-cline/cline#5301", "free-models-per-day, limits mirrored in metadata.headers",
            response(429, WireBodies.FREE_PER_DAY), FREE_DAILY_CAP)
            .at("2025-08-12T18:00:00Z").retryAt("2025-08-13T00:00:00Z").limits(50, 0, "2025-08-13T00:00:00Z"),
        row("C-71361788250", "free-models-per-day 2026, limit_source", response(429, WireBodies.FREE_PER_DAY_2026),
            FREE_DAILY_CAP).retryAt(RESET_2026_10_11).limits(50, 0, RESET_2026_10_11),
        row("C-71024567975", "free-models-per-day-high-balance",
            response(429, WireBodies.FREE_PER_DAY_HIGH_BALANCE), FREE_DAILY_CAP)
            .retryAt(RESET_2026_10_11).limits(1000, 0, RESET_2026_10_11),
        row("I-Aider-AI/aider#3550", "pre-2025 bare error object naming a provider",
            response(429, WireBodies.FREE_PER_DAY_2025_BARE), FREE_DAILY_CAP)
            .at("2025-03-29T20:00:00Z").provider("Google AI Studio")
            .retryAt("2025-03-30T00:00:00Z").limits(200, 0, "2025-03-30T00:00:00Z"),
        row("I-Aider-AI/aider#3550", "free-models-per-day chunk without choices",
            chunk(WireBodies.CHUNK_NO_CHOICES_2025), FREE_DAILY_CAP)
            .at("2025-03-29T20:00:00Z").status(429).provider("Google AI Studio")
            .retryAt("2025-03-30T00:00:00Z").limits(200, 0, "2025-03-30T00:00:00Z"));
  }

  static Stream<Row> providerLimits() {
    return Stream.of(
        row("I-Aculeasis/openrouter-proxy#1", "rate-limited upstream in raw", response(429, WireBodies.UPSTREAM_RAW),
            PROVIDER_THROTTLED).provider("Chutes"),
        row("C-71518641859", "2026 form, limit_source upstream_provider_shared_pool",
            response(429, WireBodies.UPSTREAM_2026), PROVIDER_THROTTLED).provider("BaseTen"),
        row("OPENROUTER §3.4 disputatio capture", "retry_after_seconds and mirrored Retry-After",
            response(429, WireBodies.UPSTREAM_RETRY_AFTER), PROVIDER_THROTTLED)
            .provider("Venice").retryAfter(Duration.ofSeconds(17)),
        row("C-60875589754", "rate-limited upstream in the message", response(429, WireBodies.UPSTREAM_IN_MESSAGE),
            PROVIDER_THROTTLED),
        row("C-71450041862", "a provider's own free-models-per-min in raw",
            response(429, WireBodies.UPSTREAM_FREE_PER_MIN_RAW), PROVIDER_THROTTLED).provider("Chutes"),
        row("D-err", "typed form with a provider_code", response(429, WireBodies.DOCS_TYPED), PROVIDER_THROTTLED),
        row("D-err", "capacity_exhausted availability, retry_after 40", response(429, WireBodies.CAPACITY_EXHAUSTED),
            PROVIDER_THROTTLED).retryAfter(Duration.ofSeconds(40)).upstreamRetryable(true),
        row("P-errOld", "502 whose raw is Google's RESOURCE_EXHAUSTED 429",
            response(502, WireBodies.PROVIDER_ERROR_502), PROVIDER_THROTTLED).provider("Google AI Studio"),
        row("I-BerriAI/litellm#8448", "Cloudflare 1015 inside a 200 body", okBody(WireBodies.OK_BODY_CLOUDFLARE_1015),
            PROVIDER_THROTTLED).status(429).provider("Kluster"),
        row("D-err", "documented mid-stream rate limit", chunk(WireBodies.CHUNK_DOCS), PROVIDER_THROTTLED)
            .status(429).provider("OpenAI"),
        row("C-60875589754", "real mid-stream upstream throttle", chunk(WireBodies.CHUNK_UPSTREAM_THROTTLE),
            PROVIDER_THROTTLED).status(429).provider("OpenAI"));
  }

  static Stream<Row> creditsAndKeys() {
    return Stream.of(
        row("I-open-assistant-org/open-assistant#80", "insufficient credits, limit_source",
            response(402, WireBodies.INSUFFICIENT_CREDITS), OUT_OF_CREDITS),
        row("I-hassanmsthf11/unlimited-claude-AI#22", "insufficient credits, OAS example",
            response(402, WireBodies.INSUFFICIENT_CREDITS_PLAIN), OUT_OF_CREDITS),
        row("I-astrio-labs/forall#76", "can only afford 2666", response(402, WireBodies.CANNOT_AFFORD),
            OUT_OF_CREDITS),
        row("I-QwenLM/qwen-code#73", "can only afford, add more credits",
            response(402, WireBodies.CANNOT_AFFORD_ADD_CREDITS), OUT_OF_CREDITS),
        row("P-limNew", "in-flight budget with Retry-After",
            response(402, Map.of("Retry-After", "5"), WireBodies.IN_FLIGHT_BUDGET), CREDITS_IN_FLIGHT)
            .retryAfter(Duration.ofSeconds(5)),
        row("P-limNew", "a 402 that says when to come back", response(402, Map.of("Retry-After", "3"),
            WireBodies.INSUFFICIENT_CREDITS_PLAIN), CREDITS_IN_FLIGHT).retryAfter(Duration.ofSeconds(3)),
        row("I-anomalyco/opencode#12219", "the key can only afford 0", response(402, WireBodies.CANNOT_AFFORD_KEY),
            KEY_LIMIT),
        row("I-anomalyco/opencode#12219", "the key's prompt-token limit",
            response(402, WireBodies.PROMPT_TOKENS_KEY_LIMIT), KEY_LIMIT),
        row("C-65915893837", "key limit, total", response(403, WireBodies.KEY_LIMIT), KEY_LIMIT),
        row("C-52904366407", "key limit, daily", response(403, WireBodies.KEY_LIMIT_DAILY), KEY_LIMIT),
        row("D-lim", "key limit with the documented 402", response(402, WireBodies.KEY_LIMIT_402), KEY_LIMIT),
        row("OPENROUTER §3.4 workspace-budgets", "workspace budget", response(403, WireBodies.WORKSPACE_BUDGET),
            KEY_LIMIT));
  }

  static Stream<Row> requests() {
    return Stream.of(
        row("I-Aider-AI/aider#3721", "context length, 2025 wording", response(400, WireBodies.CONTEXT_LENGTH),
            CONTEXT_TOO_LONG).provider("Chutes"),
        row("I-Kilo-Org/cloud#2671", "context length, 2026 wording", response(400, WireBodies.CONTEXT_LENGTH_2026),
            CONTEXT_TOO_LONG).provider("Anthropic"),
        row("C-60799872196", "'models' over three", response(400, WireBodies.MODELS_OVER_THREE), BAD_REQUEST),
        row("C-53779929001", "moderation on Amazon Bedrock", response(403, WireBodies.MODERATION), MODERATION)
            .provider("Amazon Bedrock"),
        row("C-69009915753", "moderation on OpenRouter", response(403, WireBodies.MODERATION_OPENROUTER), MODERATION),
        row("D-err", "guardrail block", response(403, WireBodies.GUARDRAIL), MODERATION),
        row("I-SWE-agent/mini-swe-agent#902", "flagged content as a 502 inside a 200",
            okBody(WireBodies.OK_BODY_FLAGGED_502), MODERATION).status(502),
        row("I-musistudio/claude-code-router#227", "no auth credentials", response(401, WireBodies.NO_AUTH), AUTH),
        row("I-continuedev/continue#10532", "user not found", response(401, WireBodies.USER_NOT_FOUND), AUTH),
        row("D-oas", "missing authentication header", response(401, WireBodies.MISSING_AUTH_HEADER), AUTH),
        row("I-Gitlawb/openclaude#967", "no cookie auth credentials", response(401, WireBodies.NO_COOKIE_AUTH), AUTH));
  }

  static Stream<Row> routing() {
    return Stream.of(
        row("C-62714910358", "not a valid model ID", response(400, WireBodies.INVALID_MODEL), NO_ENDPOINT),
        row("D-err", "model_not_found availability", response(400, WireBodies.MODEL_NOT_FOUND_AVAILABILITY),
            NO_ENDPOINT).upstreamRetryable(false),
        row("D-err", "no_endpoints availability", response(404, WireBodies.NO_ENDPOINTS_AVAILABILITY), NO_ENDPOINT)
            .upstreamRetryable(false),
        row("C-68778655588", "no allowed providers", response(404, WireBodies.NO_ALLOWED_PROVIDERS), NO_ENDPOINT),
        row("OPENROUTER §3.4", "no endpoints for the model", response(404, WireBodies.NO_ENDPOINTS_FOR_MODEL),
            NO_ENDPOINT),
        row("OPENROUTER §3.4", "no endpoints for tool use", response(404, WireBodies.NO_ENDPOINTS_TOOL_USE),
            NO_ENDPOINT),
        row("OPENROUTER §3.4", "no endpoints for image input", response(404, WireBodies.NO_ENDPOINTS_IMAGE_INPUT),
            NO_ENDPOINT),
        row("OPENROUTER §3.4", "no endpoints for the output modalities",
            response(404, WireBodies.NO_ENDPOINTS_OUTPUT_MODALITIES), NO_ENDPOINT),
        row("OPENROUTER §3.4", "no endpoints for the tool_choice", response(404, WireBodies.NO_ENDPOINTS_TOOL_CHOICE),
            NO_ENDPOINT),
        row("OPENROUTER §3.4", "no endpoints for the data policy", response(404, WireBodies.NO_ENDPOINTS_DATA_POLICY),
            NO_ENDPOINT),
        row("C-55521088693", "no endpoints for the parameters", response(404, WireBodies.NO_ENDPOINTS_PARAMETERS),
            NO_ENDPOINT));
  }

  static Stream<Row> failingProviders() {
    return Stream.of(
        row("D-oas", "502 provider returned error", response(502, WireBodies.PROVIDER_ERROR_502_PLAIN), OVERLOADED),
        row("D-oas", "503 service temporarily unavailable", response(503, WireBodies.UNAVAILABLE_503), OVERLOADED),
        row("D-err", "temporarily_unavailable availability, retry_after 30",
            response(503, WireBodies.TEMPORARILY_UNAVAILABLE), OVERLOADED)
            .retryAfter(Duration.ofSeconds(30)).upstreamRetryable(true),
        row("D-oas", "529 provider overloaded", response(529, WireBodies.OVERLOADED_529), OVERLOADED)
            .provider("Anthropic"),
        row("D-err", "500 masked", response(500, WireBodies.MASKED_500), OVERLOADED),
        row("D-err", "provider_unavailable in the first choice of a 200", okBody(WireBodies.OK_BODY_CHOICE_ERROR),
            OVERLOADED).status(502),
        row("D-str", "mid-stream string code server_error", chunk(WireBodies.CHUNK_STRING_CODE), OVERLOADED)
            .status(500).provider("openai"),
        row("D-oas", "408 operation timed out", response(408, WireBodies.TIMEOUT_408), TIMEOUT),
        row("D-oas", "524 edge timeout", response(524, WireBodies.EDGE_TIMEOUT_524), TIMEOUT),
        row("D-err", "504 typed timeout", response(504, WireBodies.TIMEOUT_504), TIMEOUT));
  }

  static Stream<Row> successes() {
    return Stream.of(
        row("C-71518641859", "a real completion", okBody(WireBodies.OK_BODY), SUCCESS).provider("DeepInfra"),
        row("C-59155548901", "a stream's final chunk with usage", chunk(WireBodies.CHUNK_FINAL_WITH_USAGE), SUCCESS)
            .provider("OpenAI"));
  }

  static Stream<Row> everyRealBody() {
    return Stream.of(freeModelLimits(), providerLimits(), creditsAndKeys(), requests(), routing(),
        failingProviders(), successes()).flatMap(rows -> rows);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRealBody")
  void everyRealBodyIsClassifiedByItsCauseWithItsEvidence(Row row) {
    Outcome outcome = row.wire().classify(row.now());

    assertThat(outcome).usingRecursiveComparison().ignoringFields("message").isEqualTo(row.expected());
    assertThat(outcome.message().isEmpty()).isEqualTo(outcome.type() == SUCCESS);
  }
}

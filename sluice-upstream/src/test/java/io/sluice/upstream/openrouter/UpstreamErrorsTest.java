package io.sluice.upstream.openrouter;

import static io.sluice.upstream.openrouter.Expected.error;
import static io.sluice.upstream.openrouter.Expected.inside;
import static io.sluice.upstream.openrouter.Expected.uncoded;
import static io.sluice.upstream.openrouter.UpstreamError.Origin.BODY;
import static io.sluice.upstream.openrouter.UpstreamError.Origin.BODY_CHOICE;
import static io.sluice.upstream.openrouter.UpstreamError.Origin.ERROR_RESPONSE;
import static io.sluice.upstream.openrouter.UpstreamError.Origin.STREAM_CHUNK;
import static io.sluice.upstream.openrouter.UpstreamError.Origin.STREAM_CHUNK_WITHOUT_CHOICES;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.WireBodies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error form of OPENROUTER.md §1.4, §2 and §3, read into the evidence it carries. */
class UpstreamErrorsTest {

  private static final String RATE_LIMITED_UPSTREAM = " is temporarily rate-limited upstream. Please retry shortly, "
      + "or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations";
  private static final Map<String, String> FREE_DAY_2025_HEADERS =
      Map.of("X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1755043200000");
  private static final Map<String, String> FREE_DAY_2026_HEADERS =
      Map.of("X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1791676800000");
  private static final Map<String, String> AIDER_HEADERS =
      Map.of("X-RateLimit-Limit", "200", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1743292800000");

  /** A response as received, and the error it must read as. */
  record Case(String name, int status, Map<String, String> headers, String body, Expected expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> errorResponses() {
    return Stream.of(
        new Case("free-models-per-min, body only", 429, Map.of(), WireBodies.FREE_PER_MINUTE,
            error(429, "Rate limit exceeded: free-models-per-min.")),
        new Case("free-models-per-min with limit headers", 429,
            Map.of("x-ratelimit-limit", "20", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1791676860000",
                "retry-after", "12"),
            WireBodies.FREE_PER_MINUTE,
            error(429, "Rate limit exceeded: free-models-per-min.")
                .limits(20, 0, 1791676860000L).retryAfter(new RetryAfter.After(Duration.ofSeconds(12)))),
        new Case("free-models-per-day, limits only in metadata.headers", 429, Map.of(), WireBodies.FREE_PER_DAY,
            error(429, "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day")
                .mirrored(FREE_DAY_2025_HEADERS).limits(50, 0, 1755043200000L)),
        new Case("free-models-per-day 2026 with limit_source", 429, Map.of(), WireBodies.FREE_PER_DAY_2026,
            error(429, "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day")
                .limitSource("openrouter_free_tier_daily").mirrored(FREE_DAY_2026_HEADERS)
                .limits(50, 0, 1791676800000L)),
        new Case("free-models-per-day-high-balance", 429, Map.of(), WireBodies.FREE_PER_DAY_HIGH_BALANCE,
            error(429, "Rate limit exceeded: free-models-per-day-high-balance.")
                .limitSource("openrouter_free_tier_daily")
                .mirrored(Map.of("X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "0",
                    "X-RateLimit-Reset", "1791676800000"))
                .limits(1000, 0, 1791676800000L)),
        new Case("response headers win over metadata.headers", 429,
            Map.of("X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "3"), WireBodies.FREE_PER_DAY,
            error(429, "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day")
                .mirrored(FREE_DAY_2025_HEADERS).limits(1000, 3, 1755043200000L)),
        new Case("pre-2025 bare error object", 429, Map.of(), WireBodies.FREE_PER_DAY_2025_BARE,
            error(429, "Rate limit exceeded: free-models-per-day").provider("Google AI Studio")
                .mirrored(AIDER_HEADERS).limits(200, 0, 1743292800000L)),
        new Case("upstream rate limit, raw form", 429, Map.of(), WireBodies.UPSTREAM_RAW,
            error(429, "Provider returned error").provider("Chutes")
                .raw("deepseek/deepseek-chat-v3-0324:free" + RATE_LIMITED_UPSTREAM)),
        new Case("upstream rate limit, 2026 form", 429, Map.of(), WireBodies.UPSTREAM_2026,
            error(429, "Provider returned error").provider("BaseTen").raw("z-ai/glm-5.3-flash" + RATE_LIMITED_UPSTREAM)
                .providerCode("engine_overloaded").limitSource("upstream_provider_shared_pool")),
        new Case("upstream rate limit with retry_after_seconds and mirrored Retry-After", 429, Map.of(),
            WireBodies.UPSTREAM_RETRY_AFTER,
            error(429, "Provider returned error").provider("Venice").raw("qwen/qwen3-coder:free" + RATE_LIMITED_UPSTREAM)
                .providerCode("429").limitSource("upstream_provider_shared_pool")
                .metadataRetryAfter(Duration.ofSeconds(17)).mirrored(Map.of("Retry-After", "17"))
                .retryAfter(new RetryAfter.After(Duration.ofSeconds(17)))),
        new Case("upstream rate limit in the message", 429, Map.of(), WireBodies.UPSTREAM_IN_MESSAGE,
            error(429, "openai/gpt-5.6-luna is temporarily rate-limited upstream.").errorType("rate_limit_exceeded")),
        new Case("a provider's free per-minute cap in raw", 429, Map.of(), WireBodies.UPSTREAM_FREE_PER_MIN_RAW,
            error(429, "Provider returned error").provider("Chutes").raw("free-models-per-min exceeded")),
        new Case("documented typed form with Retry-After", 429, Map.of("Retry-After", "60"), WireBodies.DOCS_TYPED,
            error(429, "Rate limit exceeded").errorType("rate_limit_exceeded").providerCode("rate_limited")
                .retryAfter(new RetryAfter.After(Duration.ofSeconds(60)))),
        new Case("availability form without code", 429, Map.of("Retry-After", "40"), WireBodies.CAPACITY_EXHAUSTED,
            uncoded(ERROR_RESPONSE, 429,
                "All providers for meta-llama/llama-3.3-70b-instruct are at capacity. Retry after 40 seconds.")
                .errorType("rate_limit_exceeded").declaredStatus(429)
                .availability("capacity_exhausted", true, Duration.ofSeconds(40))
                .retryAfter(new RetryAfter.After(Duration.ofSeconds(40)))),
        new Case("availability that is not retryable", 400, Map.of(), WireBodies.MODEL_NOT_FOUND_AVAILABILITY,
            error(400, "acme/fake-1.0 is not a valid model ID").errorType("not_found")
                .availability("model_not_found", false, null)),
        new Case("402 insufficient credits", 402, Map.of(), WireBodies.INSUFFICIENT_CREDITS,
            error(402, "Insufficient credits. Add more using https://openrouter.ai/settings/credits")
                .limitSource("openrouter_credits")),
        new Case("402 can only afford, provider_name null", 402, Map.of(), WireBodies.CANNOT_AFFORD,
            error(402, "This request requires more credits, or fewer max_tokens. You requested up to 64000 tokens, "
                + "but can only afford 2666. To increase, visit https://openrouter.ai/settings/credits and upgrade "
                + "to a paid account")),
        new Case("402 the key can only afford 0", 402, Map.of(), WireBodies.CANNOT_AFFORD_KEY,
            error(402, "This request requires more credits, or fewer max_tokens. You requested up to 32000 tokens, "
                + "but can only afford 0. To increase, visit https://openrouter.ai/settings/keys and create a key "
                + "with a higher monthly limit")),
        new Case("402 in-flight budget with Retry-After", 402, Map.of("Retry-After", "5"), WireBodies.IN_FLIGHT_BUDGET,
            error(402, "Insufficient credits for requests in flight. Retry when they finish.")
                .limitSource("openrouter_in_flight_budget").retryAfter(new RetryAfter.After(Duration.ofSeconds(5)))),
        new Case("403 key limit", 403, Map.of(), WireBodies.KEY_LIMIT, error(403, "Key limit exceeded (total limit)")),
        new Case("403 moderation", 403, Map.of(), WireBodies.MODERATION,
            error(403, "anthropic/claude-3-5-haiku requires moderation on Amazon Bedrock. Your input was flagged for "
                + "\"self-harm/instructions, self-harm/intent\". No credits were charged.").provider("Amazon Bedrock")),
        new Case("403 guardrail with openrouter_metadata", 403, Map.of(), WireBodies.GUARDRAIL,
            error(403, "Request blocked: prompt injection patterns detected")),
        new Case("400 context length", 400, Map.of(), WireBodies.CONTEXT_LENGTH,
            error(400, "This endpoint's maximum context length is 131072 tokens. However, you requested about 141607 "
                + "tokens (10535 of text input, 131072 in the output). Please reduce the length of either one, or use "
                + "the \"middle-out\" transform to compress your prompt automatically.").provider("Chutes")),
        new Case("400 invalid model id", 400, Map.of(), WireBodies.INVALID_MODEL,
            error(400, "acme/fake-1.0 is not a valid model ID")),
        new Case("401 no auth credentials", 401, Map.of(), WireBodies.NO_AUTH, error(401, "No auth credentials found")),
        new Case("401 user not found", 401, Map.of(), WireBodies.USER_NOT_FOUND, error(401, "User not found.")),
        new Case("401 missing header", 401, Map.of(), WireBodies.MISSING_AUTH_HEADER,
            error(401, "Missing Authentication header")),
        new Case("404 no allowed providers", 404, Map.of(), WireBodies.NO_ALLOWED_PROVIDERS,
            error(404, "No allowed providers are available for the selected model. Providers serving "
                + "deepseek/deepseek-chat-v3: DeepInfra, Together, but your request's provider.only preference "
                + "permits only: Fireworks.")),
        new Case("502 with raw as a JSON-encoded string", 502, Map.of(), WireBodies.PROVIDER_ERROR_502,
            error(502, "Provider returned error").provider("Google AI Studio")
                .raw("{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                    + "\"status\":\"RESOURCE_EXHAUSTED\"}}")),
        new Case("503 with an HTTP-date Retry-After", 503, Map.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"),
            WireBodies.UNAVAILABLE_503,
            error(503, "Service temporarily unavailable").errorType("provider_overloaded")
                .retryAfter(new RetryAfter.At(Instant.parse("2026-10-21T07:28:00Z")))),
        new Case("529 provider overloaded", 529, Map.of(), WireBodies.OVERLOADED_529,
            error(529, "Provider returned error").provider("Anthropic")),
        new Case("408 timeout", 408, Map.of(), WireBodies.TIMEOUT_408,
            error(408, "Operation timed out. Please try again later.")),
        new Case("500 masked", 500, Map.of(), WireBodies.MASKED_500,
            error(500, "Internal Server Error").errorType("server")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorResponses")
  void anErrorResponseIsReadIntoItsEvidence(Case c) {
    UpstreamError read = UpstreamErrors.fromErrorResponse(c.status(), ResponseHeaders.of(c.headers()), bytes(c.body()));

    assertThat(read).isEqualTo(c.expected().build());
  }

  static Stream<Case> okBodies() {
    return Stream.of(
        new Case("a bare error with raw \"error code: 1015\" (litellm#8448)", 200, Map.of(),
            WireBodies.OK_BODY_CLOUDFLARE_1015,
            inside(BODY, 429, "Provider returned error").provider("Kluster").raw("error code: 1015")),
        new Case("a bare 502 with no choices (mini-swe-agent#902)", 200, Map.of(), WireBodies.OK_BODY_FLAGGED_502,
            inside(BODY, 502, "This content was flagged for possible cybersecurity risk. If this seems wrong, try "
                + "rephrasing your request. To get authorized for security work, join the Trusted Access for Cyber "
                + "program: https://chatgpt.com/cyber")),
        new Case("the error in the first choice", 200, Map.of(), WireBodies.OK_BODY_CHOICE_ERROR,
            inside(BODY_CHOICE, 502, "Provider disconnected mid-stream").errorType("provider_unavailable")),
        new Case("finish_reason error without an error object", 200, Map.of(),
            "{\"provider\":\"Groq\",\"choices\":[{\"finish_reason\":\"error\",\"message\":{\"content\":\"\"}}]}",
            uncoded(BODY_CHOICE, 200, "the choice finished with \"error\" and no error object").provider("Groq")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("okBodies")
  void anErrorInsideA200BodyIsFound(Case c) {
    assertThat(UpstreamErrors.fromBody(bytes(c.body()))).contains(c.expected().build());
  }

  static Stream<Case> chunks() {
    return Stream.of(
        new Case("documented mid-stream chunk, numeric code", 200, Map.of(), WireBodies.CHUNK_DOCS,
            inside(STREAM_CHUNK, 429, "Rate limit exceeded").errorType("rate_limit_exceeded").provider("OpenAI")),
        new Case("streaming page's chunk, string code", 200, Map.of(), WireBodies.CHUNK_STRING_CODE,
            uncoded(STREAM_CHUNK, 200, "Provider disconnected unexpectedly").code("server_error").provider("openai")),
        new Case("real mid-stream upstream throttle", 200, Map.of(), WireBodies.CHUNK_UPSTREAM_THROTTLE,
            inside(STREAM_CHUNK, 429, "openai/gpt-5.6-luna is temporarily rate-limited upstream.")
                .errorType("rate_limit_exceeded").provider("OpenAI")),
        new Case("2025 chunk without choices", 200, Map.of(), WireBodies.CHUNK_NO_CHOICES_2025,
            inside(STREAM_CHUNK_WITHOUT_CHOICES, 429, "Rate limit exceeded: free-models-per-day")
                .provider("Google AI Studio").mirrored(AIDER_HEADERS).limits(200, 0, 1743292800000L)),
        new Case("a string code of digits also reads as a number", 200, Map.of(),
            "{\"error\":{\"code\":\"429\",\"message\":\"slow down\"},\"choices\":[{\"finish_reason\":\"error\"}]}",
            inside(STREAM_CHUNK, 429, "slow down")),
        new Case("an error inside the choice of a chunk", 200, Map.of(),
            "{\"provider\":\"Groq\",\"choices\":[{\"delta\":{},\"finish_reason\":\"error\","
                + "\"error\":{\"code\":504,\"message\":\"Timed out\",\"metadata\":{\"error_type\":\"timeout\"}}}]}",
            inside(STREAM_CHUNK, 504, "Timed out").errorType("timeout").provider("Groq")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chunks")
  void anErrorChunkIsFound(Case c) {
    assertThat(UpstreamErrors.fromChunk(c.body())).contains(c.expected().build());
  }

  @Test
  void successfulBodiesAndChunksHoldNoError() {
    assertThat(UpstreamErrors.fromBody(bytes(WireBodies.OK_BODY))).isEmpty();
    assertThat(UpstreamErrors.fromChunk("{\"id\":\"gen-1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}")).isEmpty();
    assertThat(UpstreamErrors.fromChunk("{\"id\":\"gen-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":1}}")).isEmpty();
    assertThat(UpstreamErrors.fromChunk("{\"error\":null,\"choices\":[]}")).isEmpty();
  }

  @Test
  void unreadablePayloadsInBodiesAndStreamsAreNotErrorsAndDoNotThrow() {
    assertThat(UpstreamErrors.fromChunk("[DONE]")).isEmpty();
    assertThat(UpstreamErrors.fromChunk("{\"id\":\"gen-1\",\"choi")).isEmpty();
    assertThat(UpstreamErrors.fromChunk("")).isEmpty();
    assertThat(UpstreamErrors.fromChunk("42")).isEmpty();
    assertThat(UpstreamErrors.fromBody(new byte[] {(byte) 0xFF, 0, 1})).isEmpty();
    assertThat(UpstreamErrors.fromBody(new byte[0])).isEmpty();
  }

  @Test
  void theEffectiveStatusOfAnErrorInsideA200IsItsCode() {
    UpstreamError inBody = UpstreamErrors.fromBody(bytes(WireBodies.OK_BODY_CLOUDFLARE_1015)).orElseThrow();
    UpstreamError stringCode = UpstreamErrors.fromChunk(WireBodies.CHUNK_STRING_CODE).orElseThrow();
    UpstreamError availability =
        UpstreamErrors.fromErrorResponse(429, ResponseHeaders.none(), bytes(WireBodies.CAPACITY_EXHAUSTED));

    assertThat(inBody.httpStatus()).isEqualTo(200);
    assertThat(inBody.effectiveStatus()).isEqualTo(429);
    assertThat(stringCode.effectiveStatus()).isEqualTo(200);
    assertThat(availability.effectiveStatus()).isEqualTo(429);
  }

  @Test
  void theRetryDelayPrefersTheHeaderThenTheMetadataThenAvailability() {
    Instant now = Instant.parse("2026-10-21T07:27:30Z");
    UpstreamError dated = UpstreamErrors.fromErrorResponse(503,
        ResponseHeaders.of(Map.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")), bytes(WireBodies.UNAVAILABLE_503));
    UpstreamError metadataOnly = UpstreamErrors.fromErrorResponse(429, ResponseHeaders.none(), bytes("""
        {"error":{"code":429,"message":"m","metadata":{"retry_after_seconds":16.007}}}"""));
    UpstreamError availabilityOnly =
        UpstreamErrors.fromErrorResponse(429, ResponseHeaders.none(), bytes(WireBodies.CAPACITY_EXHAUSTED));
    UpstreamError none = UpstreamErrors.fromErrorResponse(429, ResponseHeaders.none(), bytes(WireBodies.FREE_PER_MINUTE));

    assertThat(dated.retryAfter(now)).contains(Duration.ofSeconds(30));
    assertThat(dated.retryAfter(now.plusSeconds(60))).contains(Duration.ZERO);
    assertThat(metadataOnly.retryAfter(now)).contains(Duration.ofMillis(16_007));
    assertThat(availabilityOnly.retryAfter(now)).contains(Duration.ofSeconds(40));
    assertThat(none.retryAfter(now)).isEmpty();
  }

  @Test
  void midStreamOriginsSaySo() {
    assertThat(STREAM_CHUNK.midStream()).isTrue();
    assertThat(STREAM_CHUNK_WITHOUT_CHOICES.midStream()).isTrue();
    assertThat(BODY.midStream()).isFalse();
    assertThat(ERROR_RESPONSE.midStream()).isFalse();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}

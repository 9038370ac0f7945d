package io.sluice.engine.outcome;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever arrives, the classifier answers, and never calls a failure a success. */
class ClassifierPropertyTest {

  @Property(tries = 500)
  void anyErrorResponseGetsACauseThatIsNotSuccessAndAWaitNotInThePast(
      @ForAll @IntRange(min = 100, max = 599) int status,
      @ForAll("errorBodies") String body,
      @ForAll("headers") Map<String, String> headers,
      @ForAll @LongRange(min = 1_700_000_000_000L, max = 1_900_000_000_000L) long nowMillis) {
    Instant now = Instant.ofEpochMilli(nowMillis);

    Outcome outcome = Classifier.classify(
        UpstreamErrors.fromErrorResponse(status, ResponseHeaders.of(headers), body.getBytes(UTF_8)), now);

    assertThat(outcome.type()).isNotEqualTo(OutcomeType.SUCCESS);
    if (outcome.retryAt() != null) {
      assertThat(outcome.retryAt()).isAfterOrEqualTo(now);
    }
    if (outcome.type() == OutcomeType.FREE_DAILY_CAP) {
      assertThat(outcome.retryAt()).isNotNull();
    }
  }

  @Provide
  Arbitrary<String> errorBodies() {
    Arbitrary<String> code = Arbitraries.oneOf(
        Arbitraries.integers().between(100, 599).map(Object::toString),
        Arbitraries.of("\"server_error\"", "\"429\"", "null", "\"\""));
    Arbitrary<String> message = Arbitraries.of("Rate limit exceeded: free-models-per-day", "Provider returned error",
        "Key limit exceeded (daily limit)", "x", "", "free-models-per-min", "Request blocked");
    Arbitrary<String> metadata = Arbitraries.of("{}", "{\"limit_source\":\"openrouter_in_flight_budget\"}",
        "{\"raw\":\"rate limit\"}", "{\"error_type\":\"timeout\"}", "{\"headers\":{\"X-RateLimit-Reset\":\"0\"}}",
        "{\"retry_after_seconds\":-4}", "[]");
    Arbitrary<String> wellFormed = Combinators.combine(code, message, metadata).as((c, m, md) ->
        "{\"error\":{\"code\":" + c + ",\"message\":\"" + m + "\",\"metadata\":" + md + "}}");
    return Arbitraries.oneOf(wellFormed, Arbitraries.strings().ofMaxLength(60));
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> names = Arbitraries.of("Retry-After", "X-RateLimit-Remaining", "X-RateLimit-Reset",
        "X-RateLimit-Limit");
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("0", "-1", "soon", "1791676800000", "17"),
        Arbitraries.longs().between(0, 2_000_000_000_000L).map(Object::toString));
    return Arbitraries.maps(names, values).ofMaxSize(4);
  }
}

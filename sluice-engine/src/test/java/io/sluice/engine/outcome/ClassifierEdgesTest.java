package io.sluice.engine.outcome;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.WireBodies;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseObserver;
import io.sluice.upstream.openrouter.UpstreamError;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What the real bodies do not show: evidence that is missing, odd, or Sluice's own. */
class ClassifierEdgesTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");

  @ParameterizedTest
  @EnumSource(GatewayFailure.class)
  void failuresSluiceDetectsCountAsTimeoutsExceptAResetWhichIsAnOverload(GatewayFailure failure) {
    Outcome before = Classifier.classify(failure, false, NOW);
    Outcome during = Classifier.classify(failure, true, NOW);

    OutcomeType expected = failure == GatewayFailure.CONNECTION_RESET ? OutcomeType.OVERLOADED : OutcomeType.TIMEOUT;
    assertThat(before.type()).isEqualTo(expected);
    assertThat(before.gatewayFailure()).isEqualTo(failure);
    assertThat(before.status()).isZero();
    assertThat(before.midStream()).isFalse();
    assertThat(before.message()).isNotBlank();
    assertThat(during.midStream()).isTrue();
    assertThat(during.reaction().retryable()).isFalse();
  }

  @ParameterizedTest(name = "{0} without a body -> {1}")
  @CsvSource({
      "200, SUCCESS", "204, SUCCESS", "400, BAD_REQUEST", "401, AUTH", "402, OUT_OF_CREDITS", "403, AUTH",
      "404, NO_ENDPOINT", "408, TIMEOUT", "413, BAD_REQUEST", "422, BAD_REQUEST", "429, ACCOUNT_PER_MINUTE",
      "500, OVERLOADED", "502, OVERLOADED", "503, OVERLOADED", "504, TIMEOUT", "524, TIMEOUT", "529, OVERLOADED",
      "101, UNKNOWN", "302, UNKNOWN"})
  void aStatusAloneStillHasACause(int status, OutcomeType type) {
    assertThat(Classifier.classify(status, ResponseHeaders.none(), NOW).type()).isEqualTo(type);
    assertThat(Classifier.classify(error(status, ""), NOW).type()).isEqualTo(type == OutcomeType.SUCCESS
        ? OutcomeType.UNKNOWN : type);
  }

  @Test
  void anUnreadableBodyIsClassifiedByItsStatusAndHeaders() {
    Outcome html = Classifier.classify(error(502, "<html><body>502 Bad Gateway</body></html>"), NOW);
    Outcome daily = Classifier.classify(UpstreamErrors.fromErrorResponse(429, ResponseHeaders.of(Map.of(
        "X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1791676800000")),
        new byte[0]), NOW);

    assertThat(html.type()).isEqualTo(OutcomeType.OVERLOADED);
    assertThat(html.message()).contains("502 Bad Gateway");
    assertThat(daily.type()).isEqualTo(OutcomeType.FREE_DAILY_CAP);
    assertThat(daily.retryAt()).isEqualTo(Instant.parse("2026-10-11T00:00:00Z"));
  }

  @ParameterizedTest(name = "reset at {0}, classified at {1} -> {2}")
  @CsvSource({
      "2026-10-11T00:00:00Z, 2026-10-10T23:59:30Z, FREE_DAILY_CAP",
      "2026-10-10T23:59:50Z, 2026-10-10T23:59:30Z, ACCOUNT_PER_MINUTE",
      "2026-10-10T15:01:00Z, 2026-10-10T15:00:00Z, ACCOUNT_PER_MINUTE",
      "2026-10-10T16:00:00Z, 2026-10-10T15:00:00Z, FREE_DAILY_CAP"})
  void anExhaustedLimitIsDailyWhenItResetsAtMidnightOrHoursAway(Instant reset, Instant now, OutcomeType type) {
    Map<String, String> headers = Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
        Long.toString(reset.toEpochMilli()));

    Outcome outcome = Classifier.classify(429, ResponseHeaders.of(headers), now);

    assertThat(outcome.type()).isEqualTo(type);
    assertThat(outcome.retryAt()).isEqualTo(reset);
  }

  @Test
  void aLimitWithRoomLeftIsNeitherDailyNorAWait() {
    Outcome outcome = Classifier.classify(429, ResponseHeaders.of(Map.of(
        "X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "1791676800000")), NOW);

    assertThat(outcome.type()).isEqualTo(OutcomeType.ACCOUNT_PER_MINUTE);
    assertThat(outcome.retryAt()).isNull();
    assertThat(outcome.rateLimit().exhausted()).isFalse();
  }

  @Test
  void theDailyCapWithoutAnyHintReopensAtTheNextUtcMidnight() {
    Outcome outcome = Classifier.classify(error(429, """
        {"error":{"code":429,"message":"Rate limit exceeded: free-models-per-day-high-balance."}}"""), NOW);

    assertThat(outcome.retryAt()).isEqualTo(Instant.parse("2026-10-11T00:00:00Z"));
  }

  @Test
  void aResetAlreadyPastMeansRetryNowNotTomorrow() {
    Instant justAfterMidnight = Instant.parse("2026-10-11T00:00:00.200Z");

    Outcome outcome = Classifier.classify(error(429, WireBodies.FREE_PER_DAY_2026), justAfterMidnight);

    assertThat(outcome.type()).isEqualTo(OutcomeType.FREE_DAILY_CAP);
    assertThat(outcome.retryAt()).isEqualTo(justAfterMidnight);
  }

  @Test
  void theLatestHintWins() {
    Outcome outcome = Classifier.classify(UpstreamErrors.fromErrorResponse(429,
        ResponseHeaders.of(Map.of("Retry-After", "7200")), WireBodies.FREE_PER_DAY_2026.getBytes(UTF_8)),
        Instant.parse("2026-10-10T23:00:00Z"));

    assertThat(outcome.retryAt()).isEqualTo(Instant.parse("2026-10-11T01:00:00Z"));
  }

  @Test
  void anErrorChunkWithoutAProviderTakesTheOneTheStreamNamed() {
    ResponseObserver observer = new ResponseObserver();
    observer.observeChunk("""
        {"id":"gen-1","provider":"Groq","choices":[{"index":0,"delta":{"content":"Hi"}}]}""");
    observer.observeChunk("""
        {"error":{"code":502,"message":"Upstream stream ended"},"choices":[{"index":0,"finish_reason":"error"}]}""");

    Outcome outcome = Classifier.classify(200, ResponseHeaders.none(), observer.summary(), NOW);

    assertThat(outcome.type()).isEqualTo(OutcomeType.OVERLOADED);
    assertThat(outcome.provider()).isEqualTo("Groq");
    assertThat(outcome.midStream()).isTrue();
  }

  @Test
  void aChoiceFinishedWithErrorAndNothingElseIsUnknown() {
    Outcome outcome = Classifier.classify(UpstreamErrors.fromBody("""
        {"provider":"Groq","choices":[{"finish_reason":"error","message":{"content":""}}]}""".getBytes(UTF_8))
        .orElseThrow(), NOW);

    assertThat(outcome.type()).isEqualTo(OutcomeType.UNKNOWN);
    assertThat(outcome.provider()).isEqualTo("Groq");
  }

  @Test
  void anErrorTypeStandsInForAStatusInsideA200() {
    Outcome outcome = Classifier.classify(UpstreamErrors.fromChunk("""
        {"error":{"code":"upstream_error","message":"Timed out","metadata":{"error_type":"timeout"}},\
        "choices":[{"index":0,"finish_reason":"error"}]}""").orElseThrow(), NOW);

    assertThat(outcome.type()).isEqualTo(OutcomeType.TIMEOUT);
    assertThat(outcome.status()).isEqualTo(504);
  }

  @Test
  void noKeyReachesTheOutcome() {
    Outcome outcome = Classifier.classify(error(401, """
        {"error":{"code":401,"message":"Invalid key sk-or-v1-0123456789abcdef0123 \
        (sent as Bearer sk-or-v1-0123456789abcdef0123)"}}"""),
        NOW);

    assertThat(outcome.type()).isEqualTo(OutcomeType.AUTH);
    assertThat(outcome.message()).doesNotContain("0123456789abcdef").contains("[redacted]");
  }

  @Test
  void theSameInputGivesTheSameOutcome() {
    UpstreamError error = error(429, WireBodies.UPSTREAM_RETRY_AFTER);

    assertThat(Classifier.classify(error, NOW)).isEqualTo(Classifier.classify(error, NOW));
  }

  private static UpstreamError error(int status, String body) {
    return UpstreamErrors.fromErrorResponse(status, ResponseHeaders.none(), body.getBytes(UTF_8));
  }
}

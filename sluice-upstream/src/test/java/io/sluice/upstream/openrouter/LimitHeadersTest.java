package io.sluice.upstream.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitHeadersTest {

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(RetryAfter.parse("17")).contains(new RetryAfter.After(Duration.ofSeconds(17)));
    assertThat(RetryAfter.parse(" 0 ")).contains(new RetryAfter.After(Duration.ZERO));
    assertThat(RetryAfter.parse("16.007")).contains(new RetryAfter.After(Duration.ofMillis(16_007)));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT"))
        .contains(new RetryAfter.At(Instant.parse("2026-10-21T07:28:00Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "-1", "soon", "17s", "99999999999999", "Wed, 32 Oct 2026 07:28:00 GMT"})
  void unreadableRetryAfterValuesAreIgnored(String value) {
    assertThat(RetryAfter.parse(value)).isEmpty();
  }

  @Test
  void aDateInThePastMeansNoWait() {
    RetryAfter at = new RetryAfter.At(Instant.parse("2026-10-21T07:28:00Z"));

    assertThat(at.delayFrom(Instant.parse("2026-10-21T07:27:00Z"))).isEqualTo(Duration.ofMinutes(1));
    assertThat(at.delayFrom(Instant.parse("2026-10-21T08:00:00Z"))).isEqualTo(Duration.ZERO);
  }

  @Test
  void headerNamesMatchWhateverTheirCase() {
    RateLimitHeaders read = RateLimitHeaders.read(
        ResponseHeaders.of(Map.of("x-ratelimit-limit", "50", "X-RATELIMIT-REMAINING", "0")),
        Map.of("x-ratelimit-reset", "1791676800000"));

    assertThat(read).isEqualTo(new RateLimitHeaders(null, 50L, 0L, Instant.parse("2026-10-11T00:00:00Z")));
  }

  @Test
  void aResponseWithoutAnErrorBodyIsReadFromItsHeadersAlone() {
    RateLimitHeaders read =
        RateLimitHeaders.of(ResponseHeaders.of(Map.of("Retry-After", "5", "X-RateLimit-Remaining", "7")));

    assertThat(read).isEqualTo(new RateLimitHeaders(new RetryAfter.After(Duration.ofSeconds(5)), null, 7L, null));
    assertThat(RateLimitHeaders.of(ResponseHeaders.none()).isEmpty()).isTrue();
  }

  @Test
  void anUnreadableResponseHeaderFallsBackToTheMirroredOne() {
    RateLimitHeaders read = RateLimitHeaders.read(
        ResponseHeaders.of(Map.of("X-RateLimit-Limit", "lots", "Retry-After", "later")),
        Map.of("X-RateLimit-Limit", "20", "Retry-After", "3"));

    assertThat(read).isEqualTo(new RateLimitHeaders(new RetryAfter.After(Duration.ofSeconds(3)), 20L, null, null));
  }

  @Test
  void negativeOrNonNumericCountsAreIgnored() {
    RateLimitHeaders read = RateLimitHeaders.read(ResponseHeaders.of(
        Map.of("X-RateLimit-Limit", "-1", "X-RateLimit-Remaining", "1.5", "X-RateLimit-Reset", "tomorrow")), Map.of());

    assertThat(read.isEmpty()).isTrue();
  }
}

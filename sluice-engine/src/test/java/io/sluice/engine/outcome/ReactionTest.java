package io.sluice.engine.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.outcome.Reaction.Retry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The reactions are DESIGN.md's error table, row by row. */
class ReactionTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");

  @ParameterizedTest(name = "{0}: retry {1}, fall back {2}, counts {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # type             | retry        | fall back | counts toward the free daily cap
      SUCCESS            | NO           | false     | true
      FREE_DAILY_CAP     | NO           | true      | true
      ACCOUNT_PER_MINUTE | AFTER_WAIT   | true      | true
      PROVIDER_THROTTLED | WITH_BACKOFF | true      | true
      OUT_OF_CREDITS     | NO           | true      | true
      CREDITS_IN_FLIGHT  | AFTER_WAIT   | true      | true
      KEY_LIMIT          | NO           | false     | true
      NO_ENDPOINT        | NO           | true      | true
      OVERLOADED         | WITH_BACKOFF | true      | true
      TIMEOUT            | ONCE         | true      | true
      CONTEXT_TOO_LONG   | NO           | true      | true
      BAD_REQUEST        | NO           | false     | true
      AUTH               | NO           | false     | false
      MODERATION         | NO           | false     | true
      UNKNOWN            | NO           | false     | true
      """)
  void eachTypeCarriesTheReactionOfDesignsErrorTable(
      OutcomeType type, Retry retry, boolean fallback, boolean counts) {
    assertThat(type.reaction()).isEqualTo(new Reaction(retry, fallback, counts));
  }

  @Test
  void theTableAboveCoversEveryType() {
    assertThat(EnumSet.allOf(OutcomeType.class)).hasSize(15);
  }

  @ParameterizedTest
  @EnumSource(OutcomeType.class)
  void nothingRetriesOrReplacesAnAttemptWhoseResponseHadStarted(OutcomeType type) {
    Outcome midStream = new Outcome(type, 200, true, null, null, Outcome.RateLimit.NONE, null, "m", null);

    assertThat(midStream.reaction())
        .isEqualTo(new Reaction(Retry.NO, false, type.reaction().countsTowardFreeDailyCap()));
  }

  @Test
  void onlyFailuresBeforeSendingCountTowardNoQuota() {
    Set<GatewayFailure> notCounted = Stream.of(GatewayFailure.values())
        .filter(failure -> !Classifier.classify(failure, false, NOW).reaction().countsTowardFreeDailyCap())
        .collect(Collectors.toSet());

    assertThat(notCounted).containsExactlyInAnyOrder(GatewayFailure.CONNECT_FAILED, GatewayFailure.CONNECT_TIMEOUT);
  }

  @Test
  void retryableIsAnyRetryButNo() {
    assertThat(Stream.of(Retry.values()).filter(retry -> new Reaction(retry, false, true).retryable()))
        .containsExactly(Retry.AFTER_WAIT, Retry.WITH_BACKOFF, Retry.ONCE);
  }
}

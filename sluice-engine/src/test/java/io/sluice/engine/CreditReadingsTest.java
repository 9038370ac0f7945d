package io.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.breaker.CreditEvidence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the key and credits readings say about credit, from bodies in OpenRouter's shapes (OPENROUTER.md §5.1, §5.2). */
class CreditReadingsTest {

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyInfo key(String limit, String limitRemaining) {
    return KeyInfo.parse(bytes("""
        {"data":{"label":"sk-or-v1-116...0ce","limit":%s,"usage":0.1015644762,"limit_remaining":%s,
        "is_free_tier":false,"rate_limit":{"requests":-1,"interval":"10s"}}}""".formatted(limit, limitRemaining)));
  }

  @Test
  void aKeyWhoseLimitIsUsedUpShowsNoCredit() {
    assertThat(key("5", "0").creditEvidence()).isEqualTo(CreditEvidence.SHOWS_NO_CREDIT);
    assertThat(key("5", "-0.25").creditEvidence()).isEqualTo(CreditEvidence.SHOWS_NO_CREDIT);
  }

  @Test
  void aKeyNeverShowsCreditForItsAllowanceIsNotTheAccountsBalance() {
    KeyInfo withAllowance = key("5", "4.8984355238");

    assertThat(withAllowance.limitRemaining()).isEqualByComparingTo("4.8984355238");
    assertThat(withAllowance.creditEvidence()).isEqualTo(CreditEvidence.SAYS_NOTHING);
    assertThat(key("null", "null").creditEvidence()).isEqualTo(CreditEvidence.SAYS_NOTHING);
    assertThat(key("5", "null").creditEvidence()).isEqualTo(CreditEvidence.SAYS_NOTHING);
  }

  @Test
  void aPositiveBalanceShowsCreditAndNoneShowsNone() {
    CreditsInfo reading = CreditsInfo.parse(bytes("{\"data\":{\"total_credits\":100.5,\"total_usage\":25.75}}"));

    assertThat(reading.balance()).isEqualByComparingTo(new BigDecimal("74.75"));
    assertThat(reading.creditEvidence()).isEqualTo(CreditEvidence.SHOWS_CREDIT);
    assertThat(CreditsInfo.parse(bytes("{\"data\":{\"total_credits\":10,\"total_usage\":10.0}}")).creditEvidence())
        .isEqualTo(CreditEvidence.SHOWS_NO_CREDIT);
    assertThat(CreditsInfo.parse(bytes("{\"data\":{\"total_credits\":0.1,\"total_usage\":0.30000001}}")).creditEvidence())
        .isEqualTo(CreditEvidence.SHOWS_NO_CREDIT);
  }

  @Test
  void aCreditsReadingMissingAFigureSaysNothing() {
    CreditsInfo reading = CreditsInfo.parse(bytes("{\"data\":{\"total_credits\":100.5}}"));

    assertThat(reading.balance()).isNull();
    assertThat(reading.creditEvidence()).isEqualTo(CreditEvidence.SAYS_NOTHING);
  }

  @Test
  void aBodyThatIsNoReadingIsRefusedNamingTheEndpoint() {
    assertThatThrownBy(() -> CreditsInfo.parse(bytes("{\"error\":{\"code\":403}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credits body");
    assertThatThrownBy(() -> KeyInfo.parse(bytes("not json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key body must be JSON");
  }
}

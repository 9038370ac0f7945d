package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a key from the Authorization or x-api-key header. */
class CredentialsTest {

  private static final String KEY = "sk-sluice-0123456789abcdefghijABCDEFGHIJabcdefghijklm";

  @ParameterizedTest(name = "Authorization=[{0}] x-api-key=[{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "null", textBlock = """
      Bearer sk-sluice-abc           | null
      bearer sk-sluice-abc           | null
      BEARER   sk-sluice-abc         | null
      '  Bearer sk-sluice-abc  '     | null
      'Bearer\tsk-sluice-abc'        | null
      null                           | sk-sluice-abc
      ''                             | ' sk-sluice-abc '
      Bearer sk-sluice-abc           | sk-sluice-abc
      Bearer sk-sluice-abc           | '  '
      """)
  void aKeyIsReadFromEitherHeader(String authorization, String apiKey) {
    assertThat(Credentials.fromHeaders(authorization, apiKey)).isEqualTo(new Credentials.Presented("sk-sluice-abc"));
  }

  @ParameterizedTest(name = "Authorization=[{0}] x-api-key=[{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "null", textBlock = """
      null    | null
      ''      | ''
      '   '   | null
      """)
  void noHeaderOrOnlyBlankOnesIsMissing(String authorization, String apiKey) {
    assertThat(Credentials.fromHeaders(authorization, apiKey)).isInstanceOf(AuthResult.Missing.class);
  }

  @ParameterizedTest(name = "Authorization=[{0}] x-api-key=[{1}] -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "null", textBlock = """
      Bearer                         | null              | Authorization has no key after 'Bearer'
      'Bearer   '                    | null              | Authorization has no key after 'Bearer'
      sk-sluice-abc                  | null              | Authorization must be 'Bearer <key>'
      Basic dXNlcjpwYXNz             | null              | Authorization must use the Bearer scheme
      Token sk-sluice-abc            | null              | Authorization must use the Bearer scheme
      Bearer sk-sluice-abc extra     | null              | Authorization holds characters that no key has
      'Bearer "sk-sluice-abc"'       | null              | Authorization holds characters that no key has
      Bearer sk-sluice-äbc           | null              | Authorization holds characters that no key has
      null                           | 'sk-sluice a'     | x-api-key holds characters that no key has
      Bearer sk-sluice-abc           | sk-sluice-abd     | Authorization and x-api-key carry different keys
      Bearer                         | sk-sluice-abc     | Authorization has no key after 'Bearer'
      Bearer sk-sluice-abc           | 'a b'             | x-api-key holds characters that no key has
      """)
  void somethingThatCannotBeAKeyIsMalformedAndSaysWhy(String authorization, String apiKey, String reason) {
    assertThat(Credentials.fromHeaders(authorization, apiKey))
        .isInstanceOfSatisfying(AuthResult.Malformed.class, m -> assertThat(m.reason()).startsWith(reason));
  }

  @Test
  void anOverlongKeyIsMalformed() {
    assertThat(Credentials.fromHeaders("Bearer " + "a".repeat(513), null))
        .isEqualTo(new AuthResult.Malformed("Authorization holds more than 512 characters; no key is that long"));
    assertThat(Credentials.fromHeaders("Bearer " + "a".repeat(512), null)).isInstanceOf(Credentials.Presented.class);
  }

  @Test
  void aBase64PaddedTokenIsAccepted() {
    assertThat(Credentials.fromHeaders("Bearer abc+/def==", null)).isEqualTo(new Credentials.Presented("abc+/def=="));
  }

  @Test
  void aMalformedReasonNeverQuotesTheHeader() {
    for (String authorization : new String[] {KEY, "Basic " + KEY, "Bearer " + KEY + " x", "Bearer \"" + KEY + "\""}) {
      Credentials credentials = Credentials.fromHeaders(authorization, null);

      assertThat(credentials).isInstanceOf(AuthResult.Malformed.class);
      assertThat(((AuthResult.Malformed) credentials).message()).doesNotContain("0123456789");
    }
    assertThat(Credentials.fromHeaders("Bearer " + KEY, KEY + "x").toString()).doesNotContain("0123456789");
  }

  @Test
  void aPresentedKeyPrintsOnlyItsDisplayForm() {
    Credentials.Presented presented = new Credentials.Presented(KEY);

    assertThat(presented.display()).isEqualTo("sk-sluice-…");
    assertThat(presented).hasToString("Presented[key=sk-sluice-…]");
    assertThat(new Credentials.Presented("abcdef").display()).isEqualTo("abc…");
  }
}

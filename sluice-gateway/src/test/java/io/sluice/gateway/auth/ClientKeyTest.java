package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientKeyTest {

  private static final KeyHash HASH = KeyHash.of("sk-sluice-test");

  @Test
  void optionalLabelsAreEmptyAndPriorityIsInteractiveWhenNotSet() {
    ClientKey key = new ClientKey("app", "team", null, "", null, HASH);

    assertThat(key.environment()).isEmpty();
    assertThat(key.workflow()).isEmpty();
    assertThat(key.priority()).isEqualTo(PriorityClass.INTERACTIVE);
  }

  @Test
  void printingAKeyShowsItsOwnerAndOnlyAHashFingerprint() {
    assertThat(new ClientKey("app", "team", "prod", "chat", PriorityClass.BATCH, HASH).toString())
        .contains("name=app", "tenant=team", "priority=BATCH", HASH.toString())
        .doesNotContain(HASH.text());
  }

  @ParameterizedTest(name = "[{index}] {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "null", textBlock = """
      null     | team   | null   | name is required
      '  '     | team   | null   | name is required
      app      | null   | null   | tenant is required
      'a b'    | team   | null   | name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, was 'a b'
      app      | _team  | null   | tenant must be 1 to 64
      app      | team   | 'a/b'  | environment must be 1 to 64
      """)
  void aBadLabelIsNamed(String name, String tenant, String environment, String message) {
    assertThatThrownBy(() -> new ClientKey(name, tenant, environment, null, null, HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aKeyHashIsRequired() {
    assertThatThrownBy(() -> new ClientKey("app", "team", null, null, null, null))
        .hasMessageStartingWith("key-hash is required");
  }

  @Test
  void priorityReadsEitherCaseAndNothingElse() {
    assertThat(PriorityClass.parse("Batch")).isEqualTo(PriorityClass.BATCH);
    assertThat(PriorityClass.parse(" interactive ")).isEqualTo(PriorityClass.INTERACTIVE);
    assertThat(PriorityClass.BATCH.label()).isEqualTo("batch");
    assertThatThrownBy(() -> PriorityClass.parse("urgent")).hasMessage("must be interactive or batch, was 'urgent'");
  }
}

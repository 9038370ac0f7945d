package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyHashTest {

  /** FIPS 180-2's test vector for "abc". */
  private static final String ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void aKeyHashesToItsSha256InHex() {
    assertThat(KeyHash.of("abc").text()).isEqualTo(ABC);
  }

  @Test
  void theWrittenFormReadsBackInEitherCase() {
    assertThat(KeyHash.parse(ABC)).isEqualTo(KeyHash.of("abc"));
    assertThat(KeyHash.parse("  " + ABC.toUpperCase() + "\n")).isEqualTo(KeyHash.of("abc"));
    assertThat(KeyHash.parse(ABC).hashCode()).isEqualTo(KeyHash.of("abc").hashCode());
  }

  @Test
  void onlyTheKeyItselfMatches() {
    KeyHash hash = KeyHash.of("sk-sluice-abc");

    assertThat(hash.matches("sk-sluice-abc")).isTrue();
    assertThat(hash.matches("sk-sluice-abd")).isFalse();
    assertThat(hash.matches("sk-sluice-abc ")).isFalse();
    assertThat(hash.matches("")).isFalse();
  }

  @Test
  void printingShowsAFingerprintNotTheWholeHash() {
    assertThat(KeyHash.parse(ABC)).hasToString("sha256:ba7816bf…");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "sha256:", "sha256:abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "md5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ag",
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad00",
      "sha256: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a"})
  void somethingElseIsRefusedWithoutBeingRepeated(String text) {
    assertThatThrownBy(() -> KeyHash.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ba7816bf"));
  }

  @Test
  void aKeyWhereItsHashBelongsIsCalledOut() {
    String key = new ClientKeyGenerator().generate().key();

    assertThatThrownBy(() -> KeyHash.parse(key))
        .hasMessageStartingWith("holds a key, not its hash")
        .hasMessageContaining("Treat this key as exposed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.substring(10)));
    assertThatThrownBy(() -> KeyHash.parse(null)).hasMessageStartingWith("is empty");
  }
}

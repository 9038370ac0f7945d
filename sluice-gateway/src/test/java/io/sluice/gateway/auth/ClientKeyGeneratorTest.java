package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ClientKeyGeneratorTest {

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final ClientKeyGenerator generator = new ClientKeyGenerator();

  @Test
  void aKeyIsThePrefixAnd43Base62Characters() {
    GeneratedKey generated = generator.generate();

    assertThat(generated.key()).matches("sk-sluice-[0-9A-Za-z]{43}");
    assertThat(Credentials.fromHeaders("Bearer " + generated.key(), null))
        .isEqualTo(new Credentials.Presented(generated.key()));
  }

  @Test
  void keysDoNotRepeat() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      keys.add(generator.generate().key());
    }

    assertThat(keys).hasSize(2_000);
  }

  @Test
  void aGeneratedKeyComesWithItsHashAndTheLineForTheConfigFile() {
    GeneratedKey generated = generator.generate();

    assertThat(generated.hash()).isEqualTo(KeyHash.of(generated.key()));
    assertThat(generated.configLine()).isEqualTo("key-hash: " + KeyHash.of(generated.key()).text());
    assertThat(generated.configLine()).doesNotContain(generated.key());
  }

  @Test
  void aGeneratedKeyPrintsWithoutTheKey() {
    GeneratedKey generated = generator.generate();

    assertThat(generated.toString()).doesNotContain(generated.key().substring(10)).contains("sk-sluice-…");
    assertThat(generated.display()).isEqualTo("sk-sluice-…");
  }

  @Test
  void aKeyAndAHashThatDoNotBelongTogetherAreRefused() {
    assertThatThrownBy(() -> new GeneratedKey("sk-sluice-a", KeyHash.of("sk-sluice-b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hash must be the hash of key");
  }

  @Test
  void theExtremesOf32BytesFitIn43Digits() {
    assertThat(ClientKeyGenerator.base62(new byte[32])).isEqualTo("0".repeat(43));
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(decode(ClientKeyGenerator.base62(ones))).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
  }

  @Property(tries = 300)
  void base62LosesNoBits(@ForAll @Size(32) byte[] bytes) {
    String encoded = ClientKeyGenerator.base62(bytes);

    assertThat(encoded).hasSize(43);
    assertThat(decode(encoded)).isEqualTo(new BigInteger(1, bytes));
  }

  private static BigInteger decode(String base62) {
    BigInteger n = BigInteger.ZERO;
    for (char c : base62.toCharArray()) {
      n = n.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
    }
    return n;
  }
}

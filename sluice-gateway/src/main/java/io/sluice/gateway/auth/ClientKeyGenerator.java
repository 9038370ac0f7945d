package io.sluice.gateway.auth;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes new client keys: {@code sk-sluice-} followed by 32 random bytes in base62 (43 characters,
 * letters and digits only, so a double click selects the whole key).
 */
public final class ClientKeyGenerator {

  /** What every Sluice key starts with. */
  public static final String PREFIX = "sk-sluice-";

  static final int RANDOM_BYTES = 32;
  /** The fewest base62 digits that hold any 256-bit number: 62^43 > 2^256. */
  static final int ENCODED_LENGTH = 43;

  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

  private final SecureRandom random;

  public ClientKeyGenerator() {
    this(new SecureRandom());
  }

  public ClientKeyGenerator(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new key and its hash. Show the key once; store only the hash. */
  public GeneratedKey generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return GeneratedKey.of(PREFIX + base62(bytes));
  }

  static String base62(byte[] bytes) {
    BigInteger n = new BigInteger(1, bytes);
    char[] digits = new char[ENCODED_LENGTH];
    for (int i = ENCODED_LENGTH - 1; i >= 0; i--) {
      BigInteger[] quotientAndRemainder = n.divideAndRemainder(SIXTY_TWO);
      digits[i] = BASE62.charAt(quotientAndRemainder[1].intValue());
      n = quotientAndRemainder[0];
    }
    return new String(digits);
  }
}

package io.sluice.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a key, written {@code sha256:<64 hex digits>}. Configuration holds these, never
 * keys. {@link #equals} compares in constant time ({@link MessageDigest#isEqual}), so a map keyed
 * by {@code KeyHash} is a constant-time lookup. A fast hash is enough because keys are 256-bit
 * random tokens (see docs/decisions/0005-client-keys-and-config.md).
 */
public final class KeyHash {

  private static final String PREFIX = "sha256:";
  private static final int HEX_DIGITS = 64;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] digest;

  private KeyHash(byte[] digest) {
    this.digest = digest;
  }

  /** The hash of {@code key}, as UTF-8. */
  public static KeyHash of(String key) {
    Objects.requireNonNull(key, "key");
    return new KeyHash(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Reads {@code sha256:<hex>}. The message of a failure never repeats the text: what is pasted here
   * by mistake is sometimes the key itself.
   */
  public static KeyHash parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("is empty; write 'sha256:' followed by the key's SHA-256 in hex");
    }
    if (trimmed.startsWith("sk-")) {
      throw new IllegalArgumentException("holds a key, not its hash: never write keys into configuration."
          + " Treat this key as exposed, issue a new one, and write its 'sha256:' line instead");
    }
    String hex = trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? trimmed.substring(PREFIX.length()) : null;
    if (hex == null || hex.length() != HEX_DIGITS || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("must be 'sha256:' followed by " + HEX_DIGITS + " hex digits");
    }
    return new KeyHash(HEX.parseHex(hex));
  }

  /** Whether {@code key} hashes to this, compared in constant time. */
  public boolean matches(String key) {
    return equals(of(key));
  }

  /** The full form, {@code sha256:<hex>}, as written in configuration. */
  public String text() {
    return PREFIX + HEX.formatHex(digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyHash that && MessageDigest.isEqual(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** A fingerprint ({@code sha256:1a2b3c4d…}), enough to tell hashes apart in logs. */
  @Override
  public String toString() {
    return PREFIX + HEX.formatHex(digest, 0, 4) + "…";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}

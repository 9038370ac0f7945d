package io.sluice.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value such as the upstream API key. {@link #toString()} never shows it; code that must
 * send it calls {@link #reveal()}, which makes every use easy to find.
 */
public final class Secret {

  private static final Secret NONE = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** {@code value} as a secret; the empty string is {@link #none()}. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? NONE : new Secret(value);
  }

  /** No secret at all. */
  public static Secret none() {
    return NONE;
  }

  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** The value; empty for {@link #none()}. Never log it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && MessageDigest.isEqual(bytes(), that.bytes());
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(isPresent());
  }

  @Override
  public String toString() {
    return isPresent() ? "(secret)" : "(none)";
  }

  private byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}

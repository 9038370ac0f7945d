package io.sluice.gateway.auth;

/**
 * The key a request presents, read from its {@code Authorization: Bearer <key>} header (what
 * OpenAI and OpenRouter clients send) or its {@code x-api-key} header. When the headers hold no
 * usable key, the outcome is already an {@link AuthResult}: {@link AuthResult.Missing} or
 * {@link AuthResult.Malformed}.
 */
public sealed interface Credentials permits Credentials.Presented, AuthResult.Missing, AuthResult.Malformed {

  /**
   * Reads the two headers' values; either may be null. When both are sent they must carry the
   * same key, so a request is never authenticated by one header while it meant the other.
   */
  static Credentials fromHeaders(String authorization, String apiKey) {
    Credentials bearer = isBlank(authorization) ? null : bearer(authorization.strip());
    Credentials plain = isBlank(apiKey) ? null : token(apiKey.strip(), "x-api-key");
    if (bearer == null || plain == null) {
      return bearer != null ? bearer : plain != null ? plain : new AuthResult.Missing();
    }
    if (!(bearer instanceof Presented b)) {
      return bearer;
    }
    if (!(plain instanceof Presented p)) {
      return plain;
    }
    return b.key().equals(p.key()) ? b
        : new AuthResult.Malformed("Authorization and x-api-key carry different keys; send one key");
  }

  /**
   * A key as presented; it may or may not be one of ours.
   *
   * @param key the key; {@link #toString()} shows only {@link #display()}
   */
  record Presented(String key) implements Credentials {

    /** The first ten characters and an ellipsis: what operators may see of a key. */
    public String display() {
      return KeyText.display(key);
    }

    @Override
    public String toString() {
      return "Presented[key=" + display() + "]";
    }
  }

  private static Credentials bearer(String value) {
    int space = firstWhitespace(value);
    if (space < 0) {
      return new AuthResult.Malformed(value.equalsIgnoreCase("Bearer")
          ? "Authorization has no key after 'Bearer'; is the client's API key set?"
          : "Authorization must be 'Bearer <key>'");
    }
    if (!value.substring(0, space).equalsIgnoreCase("Bearer")) {
      return new AuthResult.Malformed("Authorization must use the Bearer scheme: 'Bearer <key>'");
    }
    return token(value.substring(space).strip(), "Authorization");
  }

  private static Credentials token(String token, String header) {
    if (token.length() > KeyText.MAX_LENGTH) {
      return new AuthResult.Malformed(header + " holds more than " + KeyText.MAX_LENGTH + " characters; no key is that long");
    }
    if (!KeyText.isToken(token)) {
      return new AuthResult.Malformed(header + " holds characters that no key has (spaces, quotes or the like)");
    }
    return new Presented(token);
  }

  private static int firstWhitespace(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == ' ' || value.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

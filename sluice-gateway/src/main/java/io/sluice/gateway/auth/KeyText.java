package io.sluice.gateway.auth;

import java.util.regex.Pattern;

/** What a key may look like on the wire, and the only form of one that may be shown. */
final class KeyText {

  /** RFC 6750's b64token: the characters a bearer token may have. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  static final int MAX_LENGTH = 512;

  private static final int DISPLAYED = 10;

  private KeyText() {}

  static boolean isToken(String text) {
    return TOKEN.matcher(text).matches();
  }

  /** The first ten characters and an ellipsis; never more than half of a short key. */
  static String display(String key) {
    return key.substring(0, Math.min(DISPLAYED, key.length() / 2)) + "…";
  }
}

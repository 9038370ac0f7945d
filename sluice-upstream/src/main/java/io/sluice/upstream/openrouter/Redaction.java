package io.sluice.upstream.openrouter;

import java.util.regex.Pattern;

/**
 * Masks credentials in text taken from an upstream body. Provider errors echo what they were sent
 * (an invalid BYOK key, a proxy's Authorization header), and such text ends up in logs.
 */
final class Redaction {

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)\\s+[^\\s\"',;]+");
  private static final Pattern SK_KEY = Pattern.compile("(?<![A-Za-z0-9])sk-[A-Za-z0-9_\\-]{8,}");

  private Redaction() {}

  static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = BEARER.matcher(text).replaceAll("$1 [redacted]");
    return SK_KEY.matcher(masked).replaceAll("sk-[redacted]");
  }
}

package io.sluice.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601. */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private Durations() {}

  /** A bare number is refused: whether {@code 30} means seconds or milliseconds is anyone's guess. */
  static Duration parse(String text) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    if (BARE_NUMBER.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("a duration needs a unit: write " + trimmed + "s or " + trimmed + "ms");
    }
    Matcher m = SHORT.matcher(trimmed);
    if (m.matches()) {
      double unitNanos = switch (m.group(2)) {
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        case "h" -> 3600e9;
        default -> 86_400e9;
      };
      return Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * unitNanos));
    }
    try {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit,"
          + " such as 250ms, 30s, 5m or 1h");
    }
  }

  /** The shortest of {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} that is exact. */
  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis % 1000 != 0 || millis == 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}

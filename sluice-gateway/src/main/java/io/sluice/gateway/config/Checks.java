package io.sluice.gateway.config;

import java.time.Duration;

/**
 * Validation helpers for the configuration records. A message starts with the field's name as
 * written in the file, so the loader can point at the field's own line.
 */
final class Checks {

  private Checks() {}

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static Duration positive(Duration value, Duration fallback, String field) {
    Duration d = orDefault(value, fallback);
    require(d.isPositive(), field + " must be longer than zero, was " + Durations.format(d));
    return d;
  }

  /** Printable ASCII only: the value goes into an HTTP header, where a line break would forge another. */
  static String headerValue(String value, String field) {
    String v = orDefault(value, "").strip();
    require(v.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
        field + " must be printable ASCII text (it is sent as an HTTP header)");
    return v;
  }
}

package io.sluice.simulator.scenario;

/** Validation helpers for the scenario records; failures name the field and the bad value. */
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

  static double nonNegative(Double value, String field) {
    double v = orDefault(value, 0.0);
    require(v >= 0 && !Double.isNaN(v), field + " must be >= 0, was " + value);
    return v;
  }

  static double probability(Double value, double fallback, String field) {
    double v = orDefault(value, fallback);
    require(v >= 0 && v <= 1, field + " must be between 0 and 1, was " + value);
    return v;
  }

  /** Keys are secrets even in a simulator: messages show only their ends. */
  static String mask(String key) {
    if (key == null || !key.startsWith("sk-") || key.length() < 12) {
      return key;
    }
    return key.substring(0, 9) + "..." + key.substring(key.length() - 3);
  }
}

package io.sluice.app.bench.workload;

/** Validation for the workload records; a failure names the field and the bad value. */
final class Checks {

  private Checks() {}

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

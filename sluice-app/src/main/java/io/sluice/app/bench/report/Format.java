package io.sluice.app.bench.report;

import java.time.Duration;
import java.util.Locale;

/** How figures are written in the reports. */
final class Format {

  private Format() {}

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String ratio(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  static String usd(double amount) {
    return String.format(Locale.ROOT, "$%.4f", amount);
  }

  /** Seconds with one decimal: {@code 2.4}; {@code -} for none. */
  static String seconds(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }

  /** A span of simulated time: {@code 6m 05s}, or {@code 45s}. */
  static String span(Duration d) {
    long seconds = Math.round(d.toMillis() / 1000.0);
    return seconds < 60 ? seconds + "s" : String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
  }
}

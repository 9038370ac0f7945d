package io.sluice.app.bench.workload;

import java.util.Locale;

/** The two classes of traffic: a person waiting, or a job that can wait. */
public enum RequestClass {
  INTERACTIVE,
  BATCH;

  /** {@code interactive} or {@code batch}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.sluice.engine.outcome;

import io.sluice.engine.outcome.Outcome.RateLimit;
import java.time.Duration;
import java.time.Instant;

/** One row of the classification table: a response, where it was seen, and the outcome it must give. */
final class Row {

  /** The default classification instant: 2026-10-10T15:00Z, nine hours before the 2026 fixtures' reset. */
  static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");

  private final String source;
  private final String what;
  private final Wire wire;
  private final OutcomeType type;
  private Instant now = NOW;
  private int status;
  private boolean midStream;
  private String provider;
  private Instant retryAt;
  private Duration retryAfter;
  private RateLimit rateLimit = RateLimit.NONE;
  private Boolean upstreamRetryable;

  private Row(String source, String what, Wire wire, OutcomeType type) {
    this.source = source;
    this.what = what;
    this.wire = wire;
    this.type = type;
    this.status = wire.status();
    this.midStream = wire.form() == Wire.Form.CHUNK && type != OutcomeType.SUCCESS;
  }

  /**
   * @param source the source tag OPENROUTER.md gives the body (or its section, where it gives none)
   */
  static Row row(String source, String what, Wire wire, OutcomeType type) {
    return new Row(source, what, wire, type);
  }

  /** Classified at this instant instead of {@link #NOW} (near the capture's date, for its reset). */
  Row at(String instant) {
    now = Instant.parse(instant);
    return this;
  }

  /** The status the outcome stands for, where it is not the response's. */
  Row status(int value) {
    status = value;
    return this;
  }

  Row provider(String value) {
    provider = value;
    return this;
  }

  Row retryAt(String instant) {
    retryAt = Instant.parse(instant);
    return this;
  }

  Row retryAfter(Duration value) {
    retryAfter = value;
    return this;
  }

  Row limits(long limit, long remaining, String reset) {
    rateLimit = new RateLimit(limit, remaining, Instant.parse(reset));
    return this;
  }

  Row upstreamRetryable(boolean value) {
    upstreamRetryable = value;
    return this;
  }

  Instant now() {
    return now;
  }

  Wire wire() {
    return wire;
  }

  /** The whole outcome expected, but for its message. */
  Outcome expected() {
    Instant at = retryAfter != null ? now.plus(retryAfter) : retryAt;
    return new Outcome(type, status, midStream, provider, at, rateLimit, upstreamRetryable, "", null);
  }

  @Override
  public String toString() {
    return "[" + source + "] " + what + " -> " + type;
  }
}

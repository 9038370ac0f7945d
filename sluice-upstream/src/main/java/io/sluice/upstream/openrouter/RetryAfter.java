package io.sluice.upstream.openrouter;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code Retry-After} value: a delay in seconds, or an HTTP-date. Kept as given, so turning it
 * into a wait needs the caller's clock: {@link #delayFrom(Instant)}.
 */
public sealed interface RetryAfter {

  /** How long to wait from {@code now}; never negative. */
  Duration delayFrom(Instant now);

  /** {@code Retry-After: 17} (fractions, as OpenRouter's metadata sometimes has, are kept). */
  record After(Duration delay) implements RetryAfter {
    public After {
      Objects.requireNonNull(delay, "delay");
    }

    @Override
    public Duration delayFrom(Instant now) {
      return delay;
    }
  }

  /** {@code Retry-After: Wed, 21 Oct 2026 07:28:00 GMT}. */
  record At(Instant instant) implements RetryAfter {
    public At {
      Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Duration delayFrom(Instant now) {
      Duration left = Duration.between(now, instant);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /** Parses a header value; empty for null, blank, negative or unreadable values. */
  static Optional<RetryAfter> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    BigDecimal seconds = Character.isDigit(trimmed.charAt(0)) ? Json.decimal(trimmed) : null;
    if (seconds != null) {
      return Optional.ofNullable(Json.seconds(seconds)).map(After::new);
    }
    try {
      return Optional.of(new At(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package io.sluice.engine.pacing;

import static java.time.ZoneOffset.UTC;

import io.sluice.engine.pacing.Admission.WaitUntil;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The limiter's specification written the plain way, to check it against: every admission kept
 * in a list and counted by scanning, every upstream signal kept as a closure. It also checks the
 * invariant over what was admitted.
 */
final class Model {

  /** An admission the limiter made. */
  static final class Entry {
    final Permit permit;
    boolean released;
    boolean completed;

    Entry(Permit permit) {
      this.permit = permit;
    }

    Instant at() {
      return permit.admittedAt();
    }
  }

  /**
   * An upstream signal: of the admissions after the first {@code after}, none before {@code until}
   * beyond {@code allowed}.
   */
  record Signal(int after, Instant until, long allowed, WaitReason reason) {}

  final List<Entry> entries = new ArrayList<>();
  final List<Signal> signals = new ArrayList<>();
  private final FreeModelLimits limits;
  private final Duration spacing;

  Model(FreeModelLimits limits) {
    this.limits = limits;
    this.spacing = limits.spacing();
  }

  /**
   * The answer the specification gives at {@code now}; only meaningful while no signal with a
   * count above zero is in force (the limiter may then be stricter than the plain reading).
   */
  Optional<WaitUntil> expectedWait(Instant now) {
    List<Instant> inWindow = sent().stream().filter(at -> at.plus(spacing).isAfter(now)).toList();
    int perWindow = limits.requestsPerWindow();
    Instant minute = inWindow.size() >= perWindow ? inWindow.get(inWindow.size() - perWindow).plus(spacing) : null;
    long today = sent().stream().filter(at -> day(at).equals(day(now))).count();
    Instant daily = today >= limits.dailyAllowance() ? nextMidnight(now) : null;
    for (Signal signal : signals) {
      if (signal.allowed() == 0 && signal.until().isAfter(now)) {
        if (signal.reason() == WaitReason.DAILY_CAP) {
          daily = later(daily, signal.until());
        } else {
          minute = later(minute, signal.until());
        }
      }
    }
    if (minute == null && daily == null) {
      return Optional.empty();
    }
    return Optional.of(daily != null && (minute == null || !daily.isBefore(minute))
        ? new WaitUntil(daily, WaitReason.DAILY_CAP) : new WaitUntil(minute, WaitReason.MINUTE_WINDOW));
  }

  /** Whether a signal with a count above zero is still in force at {@code now}. */
  boolean countedSignalInForce(Instant now) {
    return signals.stream().anyMatch(signal -> signal.allowed() > 0 && signal.until().isAfter(now));
  }

  /** The invariant, over everything admitted in the run. */
  void checkInvariant() {
    List<Instant> sent = sent();
    int perWindow = limits.requestsPerWindow();
    for (int i = 0; i + perWindow < sent.size(); i++) {
      Duration apart = Duration.between(sent.get(i), sent.get(i + perWindow));
      if (apart.compareTo(spacing) < 0) {
        throw new AssertionError(perWindow + 1 + " admissions within " + apart + ", from " + sent.get(i));
      }
    }
    sent.stream().map(Model::day).distinct().forEach(day -> {
      long count = sent.stream().filter(at -> day(at).equals(day)).count();
      if (count > limits.dailyAllowance()) {
        throw new AssertionError(count + " admissions on " + day + ", allowance " + limits.dailyAllowance());
      }
    });
    for (Signal signal : signals) {
      long admitted = entries.stream().skip(signal.after()).filter(e -> e.at().isBefore(signal.until())).count();
      if (admitted > signal.allowed()) {
        throw new AssertionError(admitted + " admissions while " + signal + " allowed " + signal.allowed());
      }
    }
  }

  private List<Instant> sent() {
    return entries.stream().filter(e -> !e.released).map(Entry::at).toList();
  }

  static LocalDate day(Instant instant) {
    return instant.atOffset(UTC).toLocalDate();
  }

  static Instant nextMidnight(Instant instant) {
    return day(instant).plusDays(1).atStartOfDay(UTC).toInstant();
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}

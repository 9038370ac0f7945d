package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;

/**
 * One account's free-model counters: a sliding 60 s log of admitted attempts and a UTC-day
 * counter. Not thread-safe; {@link Account} guards it.
 *
 * <p>Invariant: the log never holds more than the per-minute limit inside any 60 s, because an
 * attempt is only added when fewer are in the window; the day counter never passes the cap.
 */
final class FreeModelLimit {

  private static final long MINUTE_MS = 60_000;

  private final ArrayDeque<Long> admittedInWindow = new ArrayDeque<>();
  private LocalDate day;
  private int usedToday;

  /** The outcome of asking for one free-model attempt. */
  sealed interface Decision {
    record Admitted(int limit, int remaining) implements Decision {}

    /** Refused by the 20/min window; {@code resetAtMs} is when a slot frees. */
    record PerMinute(int limit, long resetAtMs) implements Decision {}

    /** Refused by the daily cap; {@code resetAtMs} is the next 00:00 UTC. */
    record PerDay(int limit, boolean highBalance, long resetAtMs) implements Decision {}
  }

  Decision tryAdmit(Instant now, Platform platform, boolean highBalance) {
    rollDay(now);
    int dailyCap = dailyCap(platform, highBalance);
    long nowMs = now.toEpochMilli();
    if (usedToday >= dailyCap) {
      return new Decision.PerDay(dailyCap, highBalance, nextMidnightMs(now));
    }
    while (!admittedInWindow.isEmpty() && admittedInWindow.peekFirst() <= nowMs - MINUTE_MS) {
      admittedInWindow.pollFirst();
    }
    if (admittedInWindow.size() >= platform.freeRequestsPerMinute()) {
      if (platform.failedAttemptsCount()) {
        usedToday++;
      }
      return new Decision.PerMinute(platform.freeRequestsPerMinute(), admittedInWindow.peekFirst() + MINUTE_MS);
    }
    admittedInWindow.addLast(nowMs);
    usedToday++;
    return new Decision.Admitted(dailyCap, dailyCap - usedToday);
  }

  int usedToday(Instant now) {
    rollDay(now);
    return usedToday;
  }

  static int dailyCap(Platform platform, boolean highBalance) {
    return highBalance ? platform.freeRequestsPerDayAfterPurchase() : platform.freeRequestsPerDay();
  }

  static long nextMidnightMs(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private void rollDay(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      usedToday = 0;
    }
  }
}

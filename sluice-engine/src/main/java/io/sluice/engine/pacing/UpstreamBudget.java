package io.sluice.engine.pacing;

import java.time.Instant;

/**
 * What the upstream said about a window: at most {@code left} more admissions before {@code
 * until}. A 429 says zero. Two budgets for the same window combine into one at least as tight as
 * both (the later end, the smaller count), so learning never loosens.
 */
record UpstreamBudget(Instant until, long left) {

  boolean activeAt(Instant now) {
    return now.isBefore(until);
  }

  /** The instant until which it holds admissions back, or null when it does not. */
  Instant blocksUntil(Instant now) {
    return activeAt(now) && left <= 0 ? until : null;
  }

  /** After one more admission at {@code now}; null once it has expired. */
  UpstreamBudget afterAdmission(Instant now) {
    return activeAt(now) ? new UpstreamBudget(until, Math.max(0, left - 1)) : null;
  }

  /** This budget (null for none) combined with a newly learned one. */
  static UpstreamBudget tighten(UpstreamBudget current, UpstreamBudget learned, Instant now) {
    if (current == null || !current.activeAt(now)) {
      return learned;
    }
    Instant until = learned.until.isAfter(current.until) ? learned.until : current.until;
    return new UpstreamBudget(until, Math.min(current.left, learned.left));
  }
}

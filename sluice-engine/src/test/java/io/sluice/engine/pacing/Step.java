package io.sluice.engine.pacing;

import java.time.Duration;

/** One thing that happens to the limiter in a generated run. */
sealed interface Step {

  /** The clock moves on. */
  record Advance(Duration by) implements Step {}

  /** The clock moves to the next UTC midnight, give or take a little. */
  record ToMidnight(long offsetMillis) implements Step {}

  /** A request asks for admission now. */
  record Admit() implements Step {}

  /** A request comes back at the instant the last wait named (and just before it). */
  record AdmitAtWait() implements Step {}

  /** An admitted request is not sent: released, or completed with an outcome of a request never sent. */
  record Release(int pick, boolean throughOutcome) implements Step {}

  /** An attempt comes back with the free daily cap, with or without the reset header. */
  record DailyCap(int pick, boolean withReset) implements Step {}

  /** An attempt comes back with the per-minute 429, with or without a Retry-After. */
  record MinuteCap(int pick, Duration retryAfter) implements Step {}

  /** An attempt comes back reporting X-RateLimit-Remaining, resetting in some time or at midnight. */
  record Remaining(int pick, int remaining, Duration resetIn) implements Step {}
}

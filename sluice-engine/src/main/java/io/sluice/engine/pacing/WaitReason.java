package io.sluice.engine.pacing;

/** Which of the free-model limits holds a request back. */
public enum WaitReason {
  /** The per-minute limit: the window is full, or the upstream said so with a 429. */
  MINUTE_WINDOW,
  /** The daily cap: the UTC day's allowance is used, or the upstream closed the day with a 429. */
  DAILY_CAP
}

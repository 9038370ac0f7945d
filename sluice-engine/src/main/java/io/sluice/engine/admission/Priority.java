package io.sluice.engine.admission;

/** A request's class in the admission queue: every interactive waiter goes before any batch one. */
public enum Priority {
  /** Someone is waiting for the answer. */
  INTERACTIVE,
  /** Background work: admitted only when no interactive request waits. */
  BATCH
}

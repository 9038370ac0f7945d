package io.sluice.engine.breaker;

/**
 * What one reading of the account says about whether paid requests can be paid for, for the
 * {@link CreditsBreaker}. Only a reading that shows a balance can show credit; a key's own
 * allowance can only show its absence.
 */
public enum CreditEvidence {
  /** The reading shows credit: paid traffic may flow again. */
  SHOWS_CREDIT,
  /** The reading shows there is none: no paid request is worth sending, not even a probe. */
  SHOWS_NO_CREDIT,
  /** The reading cannot tell: paid traffic waits, and one probe per interval finds out. */
  SAYS_NOTHING;

  /**
   * Where a reading came from. The latest reading of each source since the breaker opened counts,
   * whatever order the readings arrive in: a key reading that says nothing does not undo a balance
   * reading that showed none.
   */
  public enum Source {
    /** {@code GET /api/v1/key}: the key's own spend limit. */
    KEY,
    /** {@code GET /api/v1/credits}: the account's balance (a management key's reading). */
    ACCOUNT
  }
}

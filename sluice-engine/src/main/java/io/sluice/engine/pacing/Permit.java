package io.sluice.engine.pacing;

import io.sluice.engine.outcome.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A free-model slot given to one attempt. Close it once: {@link #release()} if the attempt will
 * never be sent, {@link #complete} with its outcome if it was. Only the first close takes effect.
 * A permit left open costs nothing (the slot simply stays counted, as it should for an attempt
 * that was sent).
 */
public final class Permit {

  private final FreeModelLimiter limiter;
  private final long id;
  private final Instant admittedAt;
  private final AtomicBoolean closed = new AtomicBoolean();

  Permit(FreeModelLimiter limiter, long id, Instant admittedAt) {
    this.limiter = limiter;
    this.id = id;
    this.admittedAt = admittedAt;
  }

  /** When the slot was given: it counts toward that instant's window and UTC day. */
  public Instant admittedAt() {
    return admittedAt;
  }

  /**
   * The attempt will never be sent: its slot is given back to the window and the day. Not for an
   * attempt that was sent, even if it failed: the upstream counted it.
   *
   * @return whether this call closed the permit
   */
  public boolean release() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    limiter.release(this);
    return true;
  }

  /**
   * The attempt was sent and came to {@code outcome}: the limiter learns from it (a free daily cap
   * closes the day, a per-minute 429 the window, {@code X-RateLimit-*} tighten either). An outcome
   * that does not count toward the free daily cap, such as a connect failure, releases the slot.
   *
   * @return whether this call closed the permit
   */
  public boolean complete(Outcome outcome, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    if (outcome.reaction().countsTowardFreeDailyCap()) {
      limiter.learn(this, outcome, now);
    } else {
      limiter.release(this);
    }
    return true;
  }

  long id() {
    return id;
  }

  @Override
  public String toString() {
    return "Permit[" + id + " at " + admittedAt + (closed.get() ? ", closed" : "") + "]";
  }
}

package io.sluice.engine.retry;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.Reaction;
import io.sluice.engine.retry.RetryDecision.GiveUp;
import io.sluice.engine.retry.RetryDecision.GiveUpReason;
import io.sluice.engine.retry.RetryDecision.RetryAt;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to send a failed call again, for one request: exponential backoff with full jitter, unless
 * the upstream named the instant itself.
 *
 * <p><b>Rules</b>, in order, for the attempt numbered {@code attempt} (1 for the first) that came
 * to {@code outcome}:
 *
 * <ol>
 *   <li>an outcome whose {@link Outcome#reaction()} forbids a retry gives up ({@link
 *       GiveUpReason#NOT_RETRYABLE});
 *   <li>after {@link #maxAttempts()} attempts, or after the second for an outcome retried {@link
 *       Reaction.Retry#ONCE once}, it gives up ({@link GiveUpReason#ATTEMPTS_EXHAUSTED});
 *   <li>the upstream's hint, {@link Outcome#retryAt()} (which holds {@code Retry-After} and the
 *       {@code X-RateLimit-Reset} of an exhausted limit), overrides the backoff;
 *   <li>otherwise the wait is uniform in {@code [0, min(cap, base × 2^(attempt-1)))};
 *   <li>a retry instant at or after the deadline gives up ({@link GiveUpReason#DEADLINE}).
 * </ol>
 *
 * <p><b>Invariant.</b> A {@link RetryAt} is never before {@code now} and always before the
 * deadline: no caller ever waits past its deadline on this class's word.
 *
 * <p>Pure: the answer depends only on the arguments and the random source, which is injected so
 * that tests choose the jitter. Thread-safe if the random source is (e.g. {@code
 * ThreadLocalRandom.current()} per call site, or a {@code SplittableRandom} per request).
 */
public final class Backoff {

  private static final Duration MAX_CAP = Duration.ofDays(1);

  private final Duration base;
  private final Duration cap;
  private final int maxAttempts;
  private final RandomGenerator random;

  /**
   * @param base the first attempt's ceiling; positive
   * @param cap the largest ceiling; at least {@code base}, at most a day
   * @param maxAttempts attempts per request, the first included; at least 1
   * @param random the jitter's source; {@link RandomGenerator#nextDouble()} is read once per backoff
   */
  public Backoff(Duration base, Duration cap, int maxAttempts, RandomGenerator random) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base must be positive, was " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap must be at least base " + base + ", was " + cap);
    }
    if (cap.compareTo(MAX_CAP) > 0) {
      throw new IllegalArgumentException("cap must be at most " + MAX_CAP + ", was " + cap);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.base = base;
    this.cap = cap;
    this.maxAttempts = maxAttempts;
    this.random = random;
  }

  /** Base 250 ms, cap 10 s, 3 attempts. */
  public static Backoff defaults(RandomGenerator random) {
    return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 3, random);
  }

  /** Attempts per request, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Decides about the attempt numbered {@code attempt} (1 for the first) that came to {@code
   * outcome} at {@code now}, for a request that must be answered before {@code deadline}.
   */
  public RetryDecision next(int attempt, Outcome outcome, Instant now, Instant deadline) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(deadline, "deadline");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is numbered from 1, was " + attempt);
    }
    Reaction.Retry retry = outcome.reaction().retry();
    if (retry == Reaction.Retry.NO) {
      return new GiveUp(GiveUpReason.NOT_RETRYABLE, null);
    }
    int allowed = retry == Reaction.Retry.ONCE ? Math.min(2, maxAttempts) : maxAttempts;
    if (attempt >= allowed) {
      return new GiveUp(GiveUpReason.ATTEMPTS_EXHAUSTED, null);
    }
    Instant at = hint(outcome);
    at = at == null ? now.plus(jitter(attempt)) : max(at, now);
    if (!at.isBefore(deadline)) {
      return new GiveUp(GiveUpReason.DEADLINE, at);
    }
    return new RetryAt(at);
  }

  /** The ceiling of the wait after the attempt numbered {@code attempt}: min(cap, base × 2^(attempt-1)). */
  Duration ceiling(int attempt) {
    long baseNanos = base.toNanos();
    int doublings = attempt - 1;
    // base × 2^doublings overflows a long once doublings reaches the number of free high bits.
    if (doublings >= Long.numberOfLeadingZeros(baseNanos) - 1) {
      return cap;
    }
    Duration ceiling = Duration.ofNanos(baseNanos << doublings);
    return ceiling.compareTo(cap) < 0 ? ceiling : cap;
  }

  private Duration jitter(int attempt) {
    double fraction = random.nextDouble();
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalStateException("the random source must give a double in [0, 1), gave " + fraction);
    }
    return Duration.ofNanos((long) (ceiling(attempt).toNanos() * fraction));
  }

  private static Instant hint(Outcome outcome) {
    if (outcome.retryAt() != null) {
      return outcome.retryAt();
    }
    Outcome.RateLimit limit = outcome.rateLimit();
    return limit.exhausted() ? limit.reset() : null;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

package io.sluice.engine.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The answer to a request for a free-model slot: admitted, or when to come back. */
public sealed interface Admission {

  /**
   * Admitted: the slot is counted. Close the permit with {@link Permit#release()} if the request
   * will not be sent, or {@link Permit#complete} with its outcome once it was.
   */
  record Admitted(Permit permit) implements Admission {
    public Admitted {
      Objects.requireNonNull(permit, "permit");
    }
  }

  /**
   * Not now. Admission becomes possible at {@code instant} and not before, unless something is
   * admitted or learned in between (a release can only bring it forward).
   *
   * @param instant the earliest instant at which a request can be admitted
   * @param reason the limit that holds it back until then
   */
  record WaitUntil(Instant instant, WaitReason reason) implements Admission {
    public WaitUntil {
      Objects.requireNonNull(instant, "instant");
      Objects.requireNonNull(reason, "reason");
    }

    /** The wait from {@code now} in whole seconds, rounded up, for a {@code Retry-After} header. */
    public long retryAfterSeconds(Instant now) {
      Duration wait = Duration.between(now, instant);
      if (wait.isNegative()) {
        return 0;
      }
      return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    }

    /**
     * Sentences for the client's 429 that name the limit and the time it reopens. They open with
     * OpenRouter's own words for the limit, so that clients which read those tell a day's cap from a
     * minute's.
     */
    public String message() {
      return switch (reason) {
        case DAILY_CAP -> "Rate limit exceeded: free-models-per-day. The account's daily limit of free-model "
            + "requests is reached; free models reopen at " + instant + ".";
        case MINUTE_WINDOW -> "Rate limit exceeded: free-models-per-min. The account's per-minute limit of "
            + "free-model requests is reached; the next one can be sent at " + instant + ".";
      };
    }
  }
}

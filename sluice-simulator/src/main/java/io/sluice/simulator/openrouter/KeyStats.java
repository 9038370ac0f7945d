package io.sluice.simulator.openrouter;

import java.util.Map;

/**
 * One key's tallies, as {@code GET /sim/stats} reports them.
 *
 * @param label the key's label (never the key)
 * @param attempts chat completion requests the key made
 * @param successes responses delivered whole
 * @param freePerMinute429 refusals by the free-model per-minute limit
 * @param freePerDay429 refusals by the free-model daily cap
 * @param upstream429 provider throttles ("temporarily rate-limited upstream")
 * @param errors every other failure, by HTTP status or by delivery fault
 * @param promptTokens prompt tokens billed
 * @param completionTokens completion tokens billed
 * @param spend USD charged
 * @param freeDailyUsed the account's free-model daily counter now
 */
public record KeyStats(String label, long attempts, long successes, long freePerMinute429, long freePerDay429,
    long upstream429, Map<String, Long> errors, long promptTokens, long completionTokens, double spend,
    int freeDailyUsed) {

  public KeyStats {
    errors = Map.copyOf(errors);
  }

  /** All 429s, of every kind. */
  public long rateLimited() {
    return freePerMinute429 + freePerDay429 + upstream429;
  }
}

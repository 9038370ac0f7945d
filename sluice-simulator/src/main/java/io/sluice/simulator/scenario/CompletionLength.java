package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

/**
 * The range of natural completion lengths, in tokens, before any {@code max_tokens} cut.
 *
 * @param min shortest completion
 * @param max longest completion
 */
public record CompletionLength(Integer min, Integer max) {

  public static final CompletionLength DEFAULTS = new CompletionLength(null, null);

  public CompletionLength {
    min = orDefault(min, 16);
    max = orDefault(max, 64);
    require(min > 0 && max >= min, "completion must have 0 < min <= max, was " + min + ".." + max);
  }
}

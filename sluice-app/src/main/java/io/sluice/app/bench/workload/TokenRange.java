package io.sluice.app.bench.workload;

import static io.sluice.app.bench.workload.Checks.require;

/**
 * A range of token counts, both ends included; each request draws one uniformly.
 *
 * @param min the smallest
 * @param max the largest
 */
public record TokenRange(Integer min, Integer max) {

  public TokenRange {
    require(min != null && max != null, "a token range needs min and max");
    require(min >= 1 && max >= min, "a token range needs 1 <= min <= max, was " + min + ".." + max);
  }
}

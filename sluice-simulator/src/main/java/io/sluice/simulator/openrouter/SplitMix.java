package io.sluice.simulator.openrouter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded, thread-safe source of random numbers (SplitMix64). Calls in the same order give the
 * same numbers, so a single-threaded test sees the same provider choices and faults every run.
 */
final class SplitMix {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private final AtomicLong state;

  SplitMix(long seed) {
    this.state = new AtomicLong(seed);
  }

  long nextLong() {
    return mix(state.addAndGet(GOLDEN_GAMMA));
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  int nextInt(int bound) {
    return (int) Math.floorMod(nextLong(), (long) bound);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

package io.sluice.engine.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * The last {@code capacity} admissions, oldest first, in a ring buffer: all that the per-window
 * limit needs, since with at most {@code capacity} admissions in any window only the oldest of
 * the last {@code capacity} decides when the next one fits. Not thread-safe.
 */
final class AdmissionWindow {

  private final long[] ids;
  private final Instant[] times;
  private int head;
  private int size;

  AdmissionWindow(int capacity) {
    this.ids = new long[capacity];
    this.times = new Instant[capacity];
  }

  /**
   * When the next admission fits: the oldest of the last {@code capacity} admissions plus the
   * spacing; null while fewer than {@code capacity} are held.
   */
  Instant nextFit(Duration spacing) {
    return size < ids.length ? null : times[head].plus(spacing);
  }

  /**
   * A lower bound of when the admission that follows {@code ahead} more admissions can fit ({@code
   * now} or before when it may fit now). Of any {@code capacity + 1} consecutive admissions the last
   * comes at least a spacing after the first; so admission {@code m} (counting from 0 after the
   * held ones) comes a spacing after the one {@code capacity} places before it: a held one, or a new
   * one whose own bound follows the same rule, one spacing per {@code capacity} admissions. When
   * every held admission is at or before {@code now}, admitting each request as soon as it fits
   * meets the bound exactly.
   */
  Instant fitAfter(int ahead, Duration spacing, Instant now) {
    int capacity = ids.length;
    int inRound = ahead % capacity;
    Instant base = now;
    if (inRound >= capacity - size) {
      Instant held = times[(head + size + inRound - capacity) % capacity].plus(spacing);
      base = held.isAfter(now) ? held : now;
    }
    return base.plus(spacing.multipliedBy(ahead / capacity));
  }

  /** Adds the latest admission; when full, the oldest (which has left every future window) goes. */
  void add(long id, Instant at) {
    if (size == ids.length) {
      head = (head + 1) % ids.length;
      size--;
    }
    int slot = (head + size) % ids.length;
    ids[slot] = id;
    times[slot] = at;
    size++;
  }

  /** Removes an admission that is still held, keeping the order of the rest. */
  void remove(long id) {
    for (int i = 0; i < size; i++) {
      if (ids[(head + i) % ids.length] == id) {
        for (int j = i; j < size - 1; j++) {
          int to = (head + j) % ids.length;
          int from = (head + j + 1) % ids.length;
          ids[to] = ids[from];
          times[to] = times[from];
        }
        times[(head + size - 1) % ids.length] = null;
        size--;
        return;
      }
    }
  }
}

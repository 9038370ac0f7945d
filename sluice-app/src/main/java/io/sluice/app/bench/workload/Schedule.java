package io.sluice.app.bench.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The requests a workload sends, in arrival order: when each arrives, its class, the model it
 * asks for and its sizes. Drawn from the workload's seed, so every strategy (and every run) gets
 * the same schedule.
 */
public final class Schedule {

  private Schedule() {}

  /** The schedule of {@code workload}. */
  public static List<PlannedRequest> of(Workload workload) {
    SplittableRandom random = new SplittableRandom(workload.seed());
    List<Duration> arrivals = arrivals(workload.arrival(), workload.duration(), workload.requests());
    BitSet interactive = interactive(workload.requests(), workload.interactiveShare(), random);
    List<PlannedRequest> requests = new ArrayList<>(arrivals.size());
    for (int i = 0; i < arrivals.size(); i++) {
      RequestClass type = interactive.get(i) ? RequestClass.INTERACTIVE : RequestClass.BATCH;
      int route = pick(workload.models(), random);
      requests.add(new PlannedRequest(i, arrivals.get(i), type, workload.models().get(route).chain(), route,
          draw(workload.promptTokens(), random), draw(workload.completionTokens(), random),
          workload.spec(type).deadline()));
    }
    return List.copyOf(requests);
  }

  /** Arrival times, ascending: evenly spaced, or mostly inside the bursts. */
  static List<Duration> arrivals(Arrival arrival, Duration duration, int count) {
    if (!arrival.bursts()) {
      return spread(List.of(new Window(0, duration.toNanos())), count);
    }
    List<Window> bursts = new ArrayList<>();
    List<Window> calm = new ArrayList<>();
    long every = arrival.every().toNanos();
    long length = arrival.length().toNanos();
    for (long start = 0; start < duration.toNanos(); start += every) {
      long burstEnd = Math.min(start + length, duration.toNanos());
      bursts.add(new Window(start, burstEnd));
      long calmEnd = Math.min(start + every, duration.toNanos());
      if (calmEnd > burstEnd) {
        calm.add(new Window(burstEnd, calmEnd));
      }
    }
    int inBursts = calm.isEmpty() ? count : (int) Math.round(count * arrival.share());
    List<Duration> all = new ArrayList<>(spread(bursts, inBursts));
    all.addAll(spread(calm, count - inBursts));
    all.sort(null);
    return all;
  }

  /** {@code count} instants spaced evenly over the windows laid end to end, each in the middle of its slot. */
  static List<Duration> spread(List<Window> windows, int count) {
    long total = windows.stream().mapToLong(Window::length).sum();
    List<Duration> times = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long offset = (long) ((i + 0.5) * total / count);
      for (Window w : windows) {
        if (offset < w.length()) {
          times.add(Duration.ofNanos(w.start() + offset));
          break;
        }
        offset -= w.length();
      }
    }
    return times;
  }

  /** Exactly round(count x share) requests, chosen at random, are interactive. */
  private static BitSet interactive(int count, double share, SplittableRandom random) {
    int wanted = (int) Math.round(count * share);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = count - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    BitSet chosen = new BitSet(count);
    for (int i = 0; i < wanted; i++) {
      chosen.set(order[i]);
    }
    return chosen;
  }

  private static int pick(List<ModelChoice> models, SplittableRandom random) {
    double total = models.stream().mapToDouble(ModelChoice::weight).sum();
    double point = random.nextDouble() * total;
    for (int i = 0; i < models.size(); i++) {
      point -= models.get(i).weight();
      if (point < 0) {
        return i;
      }
    }
    return models.size() - 1;
  }

  private static int draw(TokenRange range, SplittableRandom random) {
    return random.nextInt(range.min(), range.max() + 1);
  }

  /** A stretch of time after the start, in nanoseconds: [start, end). */
  record Window(long start, long end) {
    long length() {
      return end - start;
    }
  }
}

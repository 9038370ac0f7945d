package io.sluice.app.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How late a thread that asks to wake every few milliseconds actually wakes, while a run lasts
 * (the method of jHiccup). On a sped-up clock every real millisecond of such a stall is many
 * simulated ones, for clients, simulator and gateway alike, so a run's figures are only as good as
 * its hiccups are small.
 */
public final class Hiccups implements AutoCloseable {

  private static final Duration INTERVAL = Duration.ofMillis(5);

  private final Thread thread;
  private final List<Duration> late = new ArrayList<>(); // written by the thread only, read after join

  private Hiccups() {
    List<Duration> sink = late;
    this.thread = Thread.ofPlatform().daemon().name("bench-hiccups").unstarted(() -> measure(sink));
  }

  /** Starts measuring. */
  public static Hiccups start() {
    Hiccups hiccups = new Hiccups();
    hiccups.thread.start();
    return hiccups;
  }

  /** Stops measuring and gives the percentiles of the delays, in real time. */
  public Latencies stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
    return Latencies.of(late);
  }

  /** Stops measuring, if {@link #stop()} has not. */
  @Override
  public void close() {
    thread.interrupt();
  }

  private static void measure(List<Duration> late) {
    while (!Thread.currentThread().isInterrupted()) {
      long before = System.nanoTime();
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
      late.add(Duration.ofNanos(Math.max(0, System.nanoTime() - before - INTERVAL.toNanos())));
    }
  }
}

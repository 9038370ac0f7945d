package io.sluice.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.pacing.Admission.Admitted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/** Many threads at once: the window still holds exactly its limit. Latches, no sleeps. */
class FreeModelLimiterConcurrencyTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");

  @RepeatedTest(5)
  void concurrentRequestsAtOneInstantGetExactlyTheWindowsLimit() throws Exception {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.perDay(1000));
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Permit>>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        results.add(threads.submit(() -> {
          start.await();
          List<Permit> admitted = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            Instant at = NOW.plus(Duration.ofSeconds(i % 3));
            if (limiter.admit(at) instanceof Admitted granted) {
              admitted.add(granted.permit());
              if (i % 4 == 0) {
                granted.permit().release();
                admitted.remove(admitted.size() - 1);
              }
            }
          }
          return admitted;
        }));
      }
      start.countDown();
      List<Permit> kept = new ArrayList<>();
      for (Future<List<Permit>> result : results) {
        kept.addAll(result.get());
      }

      assertThat(kept).hasSize(20);
    }
  }
}

package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakesTest {

  @Test
  void fakeTickerMovesOnlyWhenAdvanced() {
    FakeTicker ticker = new FakeTicker();
    long before = ticker.nanoTime();

    ticker.advance(Duration.ofMillis(1500));

    assertThat(ticker.nanoTime() - before).isEqualTo(1_500_000_000L);
    assertThatThrownBy(() -> ticker.advance(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fakeClockIsUtcAndMovesOnlyWhenAdvancedOrSet() {
    Instant start = Instant.parse("2026-11-23T23:59:59Z");
    FakeClock clock = new FakeClock(start);

    clock.advance(Duration.ofSeconds(1));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(clock.getZone().getId()).isEqualTo("Z");
    assertThat(clock.set(start).millis()).isEqualTo(start.toEpochMilli());
  }

  @Test
  void directExecutorRunsOnTheCallingThread() {
    List<Thread> ran = new ArrayList<>();

    DirectExecutor.INSTANCE.execute(() -> ran.add(Thread.currentThread()));

    assertThat(ran).containsExactly(Thread.currentThread());
  }

  @Test
  void sseParsingSeparatesCommentsFromData() {
    List<HttpTester.SseEvent> events = HttpTester.SseEvent.parse(
        ": OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\ndata: [DONE]\n\n");

    assertThat(events).containsExactly(
        new HttpTester.SseEvent(true, "OPENROUTER PROCESSING"),
        new HttpTester.SseEvent(false, "{\"a\":1}"),
        new HttpTester.SseEvent(false, "[DONE]"));
    assertThat(events.get(1).json().get("a").asInt()).isEqualTo(1);
    assertThat(events.get(2).done()).isTrue();
  }
}

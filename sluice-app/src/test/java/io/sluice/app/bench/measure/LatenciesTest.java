package io.sluice.app.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  private static List<Duration> seconds(int... values) {
    return IntStream.of(values).mapToObj(Duration::ofSeconds).toList();
  }

  @Test
  void nearestRankOfAHundredValuesIsTheValueAtThatRank() {
    List<Duration> oneToHundred = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(Duration::ofSeconds).toList());
    Collections.shuffle(oneToHundred, new java.util.Random(7));

    Latencies l = Latencies.of(oneToHundred);

    assertThat(l.count()).isEqualTo(100);
    assertThat(l.p50()).isEqualTo(Duration.ofSeconds(50));
    assertThat(l.p95()).isEqualTo(Duration.ofSeconds(95));
    assertThat(l.p99()).isEqualTo(Duration.ofSeconds(99));
    assertThat(l.max()).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void aPercentileIsAlwaysAMeasuredValueRoundedUpInRank() {
    List<Duration> twenty = IntStream.rangeClosed(1, 20).mapToObj(Duration::ofSeconds).toList();

    // 95% of 20 is rank 19 exactly; 96% is 19.2, so rank 20; 1% of 20 is 0.2, so rank 1.
    assertThat(Latencies.percentile(twenty, 95)).isEqualTo(Duration.ofSeconds(19));
    assertThat(Latencies.percentile(twenty, 96)).isEqualTo(Duration.ofSeconds(20));
    assertThat(Latencies.percentile(twenty, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Latencies.percentile(twenty, 100)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void fewValuesPutTheTopPercentilesOnTheLargest() {
    Latencies l = Latencies.of(seconds(3, 1, 2));

    assertThat(l.p50()).isEqualTo(Duration.ofSeconds(2));
    assertThat(l.p95()).isEqualTo(Duration.ofSeconds(3));
    assertThat(l.p99()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void noValuesHaveNoPercentiles() {
    assertThat(Latencies.of(List.of())).isEqualTo(Latencies.NONE);
    assertThat(Latencies.NONE.p50()).isNull();
  }

  @Test
  void aPercentileOutsideZeroToHundredIsRefused() {
    assertThatThrownBy(() -> Latencies.percentile(seconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Latencies.percentile(seconds(1), 101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Latencies.percentile(List.of(), 50)).hasMessageContaining("had 0 values");
  }
}

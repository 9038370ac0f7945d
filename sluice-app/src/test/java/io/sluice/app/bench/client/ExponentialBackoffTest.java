package io.sluice.app.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void theCeilingDoublesFromTheBaseUpToTheCap() {
    ExponentialBackoff usual = ExponentialBackoff.USUAL;

    assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(usual::ceiling).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 32L, 32L);
    assertThat(usual.ceiling(10_000)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void everyDrawLiesBelowTheCeiling() {
    SplittableRandom random = new SplittableRandom(3);
    for (int attempt = 1; attempt <= 7; attempt++) {
      for (int i = 0; i < 200; i++) {
        Duration wait = ExponentialBackoff.USUAL.draw(attempt, random);
        assertThat(wait).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(ExponentialBackoff.USUAL.ceiling(attempt));
      }
    }
  }

  @Test
  void aCapBelowTheBaseIsRefused() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

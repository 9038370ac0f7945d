package io.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      250ms   | PT0.25S
      30s     | PT30S
      1.5s    | PT1.5S
      5m      | PT5M
      5 m     | PT5M
      2h      | PT2H
      1d      | PT24H
      10S     | PT10S
      PT30S   | PT30S
      pt1m    | PT1M
      """)
  void aDurationIsReadWithItsUnit(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource(delimiter = '|', textBlock = """
      PT0.25S | 250ms
      PT0S    | 0ms
      PT30S   | 30s
      PT90S   | 90s
      PT5M    | 5m
      PT2H    | 2h
      PT1H30M | 90m
      """)
  void aDurationPrintsInTheShortestExactForm(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
  }
}

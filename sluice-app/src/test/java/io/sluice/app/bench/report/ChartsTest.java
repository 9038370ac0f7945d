package io.sluice.app.bench.report;

import static io.sluice.app.bench.Fixtures.failed;
import static io.sluice.app.bench.Fixtures.ok;
import static io.sluice.app.bench.Fixtures.request;
import static io.sluice.app.bench.Fixtures.result;
import static io.sluice.app.bench.Fixtures.scenario;
import static io.sluice.app.bench.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.TheoreticalMaximum;
import io.sluice.app.bench.workload.RequestClass;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static ScenarioResult outage() {
    var i0 = request(0, RequestClass.INTERACTIVE, 0);
    var b1 = request(1, RequestClass.BATCH, 40);
    return scenario("outage", new TheoreticalMaximum(1, 1), List.of(
        result(Strategy.NAIVE, List.of(ok(i0, 1, 1), failed(b1, 50, Cause.UNAVAILABLE, 6)), Map.of(),
            stats(7, 1, 0, 0, 0, 0, 0)),
        result(Strategy.SLUICE, List.of(ok(i0, 2, 1), ok(b1, 45, 2)), Map.of(), stats(3, 2, 0, 0, 0, 0, 0))));
  }

  @Test
  void aScenarioGetsAnOutcomesChartWithAPanelPerStrategyAndALatencyChart(@TempDir Path folder) throws Exception {
    Charts.scenario(outage(), folder);

    BufferedImage outcomes = ImageIO.read(folder.resolve("outage-outcomes.png").toFile());
    BufferedImage latency = ImageIO.read(folder.resolve("outage-latency.png").toFile());
    assertThat(outcomes.getWidth()).isEqualTo(1200);
    assertThat(outcomes.getHeight()).isEqualTo(120 + 190 * 2);
    assertThat(latency.getWidth()).isEqualTo(1200);
  }

  @Test
  void severalScenariosGetASummaryChart(@TempDir Path folder) throws Exception {
    Charts.summary(List.of(outage(), outage()), folder);

    assertThat(ImageIO.read(folder.resolve("summary.png").toFile()).getHeight()).isEqualTo(560);
  }

  @Test
  void bucketsAreRoundAndAboutThirtyToARun() {
    assertThat(Charts.bucket(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(5));
    assertThat(Charts.bucket(Duration.ofMinutes(8))).isEqualTo(Duration.ofSeconds(20));
    assertThat(Charts.bucket(Duration.ofMinutes(13))).isEqualTo(Duration.ofSeconds(30));
    assertThat(Charts.bucket(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(10));
  }
}

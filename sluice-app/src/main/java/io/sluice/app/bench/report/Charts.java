package io.sluice.app.bench.report;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.RequestRecord;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.workload.RequestClass;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The results as PNG charts, drawn with JFreeChart (decision 9). Needs no display: call it headless. */
public final class Charts {

  private static final int WIDTH = 1200;
  private static final Map<Strategy, Color> STRATEGY_COLORS = Map.of(
      Strategy.NAIVE, new Color(0xC6, 0x28, 0x28), Strategy.BACKOFF, new Color(0xEF, 0x6C, 0x00),
      Strategy.FALLBACK, new Color(0x15, 0x65, 0xC0), Strategy.SLUICE, new Color(0x2E, 0x7D, 0x32));

  /** How requests ended, coarsely, for the stacked bars. */
  enum Ending {
    SUCCESS("succeeded", new Color(0x2E, 0x7D, 0x32)),
    RATE_LIMITED("failed: 429", new Color(0xEF, 0x6C, 0x00)),
    UNAVAILABLE("failed: 5xx or upstream timeout", new Color(0xC6, 0x28, 0x28)),
    DEADLINE("failed: deadline passed", new Color(0x75, 0x75, 0x75)),
    OTHER("failed: other", new Color(0x6A, 0x1B, 0x9A));

    final String label;
    final Color color;

    Ending(String label, Color color) {
      this.label = label;
      this.color = color;
    }

    static Ending of(RequestRecord record) {
      if (record.success()) {
        return SUCCESS;
      }
      Cause cause = record.failure();
      if (cause.rateLimited()) {
        return RATE_LIMITED;
      }
      return switch (cause) {
        case UNAVAILABLE, TIMEOUT -> UNAVAILABLE;
        case DEADLINE -> DEADLINE;
        default -> OTHER;
      };
    }
  }

  private Charts() {}

  /** Writes {@code NAME-outcomes.png} and {@code NAME-latency.png} for one scenario into {@code folder}. */
  public static void scenario(ScenarioResult result, Path folder) throws IOException {
    String name = result.workload().name();
    int panels = result.strategies().size();
    ChartUtils.saveChartAsPNG(folder.resolve(name + "-outcomes.png").toFile(), outcomes(result), WIDTH,
        120 + 190 * panels);
    ChartUtils.saveChartAsPNG(folder.resolve(name + "-latency.png").toFile(), latency(result), WIDTH, 520);
  }

  /** Writes {@code summary.png}: each strategy's share of the theoretical maximum, per scenario. */
  public static void summary(List<ScenarioResult> results, Path folder) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ScenarioResult r : results) {
      for (StrategyResult s : r.strategies()) {
        data.addValue(100 * s.shareOf(r.maximum()), s.strategy().label(), r.workload().name());
      }
    }
    NumberAxis share = new NumberAxis("successes, % of the theoretical maximum");
    share.setRange(0, 105);
    BarRenderer bars = new BarRenderer();
    bars.setShadowVisible(false);
    bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    List<StrategyResult> columns = results.getFirst().strategies();
    for (int i = 0; i < columns.size(); i++) {
      bars.setSeriesPaint(i, STRATEGY_COLORS.get(columns.get(i).strategy()));
    }
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("scenario"), share, bars);
    styled(plot);
    JFreeChart chart = new JFreeChart("Successes against what the limits allow", JFreeChart.DEFAULT_TITLE_FONT, plot,
        true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(folder.resolve("summary.png").toFile(), chart, WIDTH, 560);
  }

  /** A panel per strategy: requests ended per bucket of simulated time, stacked by how they ended. */
  static JFreeChart outcomes(ScenarioResult result) {
    Duration end = result.strategies().stream().flatMap(s -> s.records().stream()).map(RequestRecord::end)
        .max(Duration::compareTo).orElse(Duration.ofMinutes(1));
    Duration bucket = bucket(end);
    NumberAxis time = new NumberAxis("simulated minutes since the start");
    time.setAutoRangeIncludesZero(true);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
    combined.setGap(12);
    for (StrategyResult s : result.strategies()) {
      NumberAxis count = new NumberAxis(s.strategy().label());
      count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      StackedXYBarRenderer bars = new StackedXYBarRenderer(0.1);
      bars.setBarPainter(new StandardXYBarPainter());
      bars.setShadowVisible(false);
      for (Ending ending : Ending.values()) {
        bars.setSeriesPaint(ending.ordinal(), ending.color);
        bars.setSeriesVisibleInLegend(ending.ordinal(), combined.getSubplots().isEmpty()); // one legend for all
      }
      XYPlot panel = new XYPlot(endings(s, bucket, end), null, count, bars);
      styled(panel);
      combined.add(panel);
    }
    JFreeChart chart = new JFreeChart(result.workload().name() + ": how requests ended, per "
        + Format.span(bucket) + " of simulated time", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    chart.addSubtitle(new TextTitle(result.schedule().size() + " requests per strategy; theoretical maximum "
        + result.maximum().total() + " successes"));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Cumulative distributions of the successful requests' latencies, interactive and batch side by side. */
  static JFreeChart latency(ScenarioResult result) {
    NumberAxis share = new NumberAxis("share of the successful requests answered within");
    share.setRange(0, 1.0);
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(share);
    combined.setGap(16);
    for (RequestClass type : RequestClass.values()) {
      XYSeriesCollection data = new XYSeriesCollection();
      XYStepRenderer lines = new XYStepRenderer();
      for (StrategyResult s : result.strategies()) {
        int series = data.getSeriesCount();
        lines.setSeriesPaint(series, STRATEGY_COLORS.get(s.strategy()));
        lines.setSeriesStroke(series, new BasicStroke(2f));
        lines.setSeriesVisibleInLegend(series, type == RequestClass.INTERACTIVE); // one legend for both
        data.addSeries(distribution(s, type));
      }
      LogAxis seconds = new LogAxis(type.label() + " latency, simulated seconds (log scale)");
      seconds.setSmallestValue(0.1);
      seconds.setTickUnit(new NumberTickUnit(1));
      seconds.setMinorTickCount(9);
      seconds.setMinorTickMarksVisible(true);
      seconds.setNumberFormatOverride(new DecimalFormat("0.#"));
      XYPlot panel = new XYPlot(data, seconds, null, lines);
      styled(panel);
      combined.add(panel);
    }
    JFreeChart chart = new JFreeChart(result.workload().name() + ": latency of successful requests, from arrival",
        JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static DefaultTableXYDataset endings(StrategyResult s, Duration bucket, Duration end) {
    int buckets = (int) (end.toNanos() / bucket.toNanos()) + 1;
    Map<Ending, int[]> counts = new EnumMap<>(Ending.class);
    for (Ending ending : Ending.values()) {
      counts.put(ending, new int[buckets]);
    }
    for (RequestRecord r : s.records()) {
      counts.get(Ending.of(r))[(int) (r.end().toNanos() / bucket.toNanos())]++;
    }
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    double minutes = bucket.toMillis() / 60_000.0;
    data.setIntervalPositionFactor(0); // a bar spans its bucket, from its start
    for (Ending ending : Ending.values()) {
      XYSeries series = new XYSeries(ending.label, false, false);
      int[] perBucket = counts.get(ending);
      for (int i = 0; i < buckets; i++) {
        series.add(i * minutes, perBucket[i]);
      }
      data.addSeries(series);
    }
    return data;
  }

  private static XYSeries distribution(StrategyResult s, RequestClass type) {
    List<Double> seconds = s.records().stream()
        .filter(r -> r.success() && r.request().type() == type)
        .map(r -> Math.max(0.1, r.latency().toMillis() / 1000.0))
        .sorted()
        .toList();
    XYSeries series = new XYSeries(s.strategy().label(), false, true);
    for (int i = 0; i < seconds.size(); i++) {
      series.add(seconds.get(i).doubleValue(), (double) (i + 1) / seconds.size());
    }
    return series;
  }

  /** About 30 buckets over the run, in a round number of seconds. */
  static Duration bucket(Duration end) {
    long[] choices = {5, 10, 15, 20, 30, 60, 120, 300, 600};
    for (long seconds : choices) {
      if (end.toSeconds() / seconds <= 30) {
        return Duration.ofSeconds(seconds);
      }
    }
    return Duration.ofSeconds(choices[choices.length - 1]);
  }

  private static void styled(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(grid());
    plot.setRangeGridlinePaint(grid());
  }

  private static void styled(CategoryPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(grid());
  }

  private static Paint grid() {
    return new Color(0xDD, 0xDD, 0xDD);
  }
}

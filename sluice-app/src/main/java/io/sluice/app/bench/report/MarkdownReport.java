package io.sluice.app.bench.report;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.measure.Latencies;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.workload.Arrival;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.app.bench.workload.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The results as Markdown: a table per scenario, strategies side by side, and a summary of several. */
public final class MarkdownReport {

  private MarkdownReport() {}

  /** One scenario: what ran, the theoretical maximum, the table, the targets that apply, and any inconsistency. */
  public static String scenario(ScenarioResult result) {
    StringBuilder md = new StringBuilder();
    Workload w = result.workload();
    md.append("### ").append(w.name()).append("\n\n");
    if (!w.description().isEmpty()) {
      md.append(w.description()).append("\n\n");
    }
    md.append(String.format(Locale.ROOT, "Scenario `%s` at x%s; %d requests (%d interactive, %d batch) over %s, %s;"
            + " deadlines %s interactive, %s batch; %d interactive and %d batch clients. The run took %.1f s.%n%n",
        result.scenarioName(), trim(result.timeScale()), result.schedule().size(), result.requests(RequestClass.INTERACTIVE),
        result.requests(RequestClass.BATCH), Format.span(w.duration()), arrival(w.arrival()),
        Format.span(w.interactive().deadline()), Format.span(w.batch().deadline()), w.interactive().clients(),
        w.batch().clients(), result.realTime().toMillis() / 1000.0));
    md.append(hiccups(result));
    md.append(String.format(Locale.ROOT, "Theoretical maximum: **%d** successes (%d interactive, %d batch).%n%n",
        result.maximum().total(), result.maximum().interactive(), result.maximum().batch()));
    md.append(table(result));
    List<String> targets = Targets.check(result);
    if (!targets.isEmpty()) {
      md.append("\nTargets for Sluice (reported, not asserted):\n\n");
      targets.forEach(t -> md.append("- ").append(t).append('\n'));
    }
    List<String> problems = result.inconsistencies();
    md.append('\n').append(problems.isEmpty()
        ? "Every strategy's records agree with the simulator's own counts.\n"
        : "**The clients' records disagree with the simulator's counts:**\n\n"
            + problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n")) + "\n");
    return md.toString();
  }

  /** Several scenarios: each strategy's share of the theoretical maximum and its success rate. */
  public static String summary(List<ScenarioResult> results) {
    StringBuilder md = new StringBuilder("| scenario | theoretical max |");
    List<StrategyResult> columns = results.getFirst().strategies();
    columns.forEach(s -> md.append(' ').append(s.strategy().label()).append(" |"));
    md.append("\n|---|---:|").append("---:|".repeat(columns.size())).append('\n');
    for (ScenarioResult r : results) {
      md.append("| ").append(r.workload().name()).append(" | ").append(r.maximum().total()).append(" |");
      for (StrategyResult s : r.strategies()) {
        md.append(' ').append(s.successes()).append(" (").append(Format.percent(s.shareOf(r.maximum())))
            .append(" of max, ").append(Format.percent(s.successRate())).append(" of requests) |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  static String table(ScenarioResult result) {
    List<StrategyResult> strategies = result.strategies();
    StringBuilder md = new StringBuilder("| |");
    strategies.forEach(s -> md.append(' ').append(s.strategy().label()).append(" |"));
    md.append("\n|---|").append("---:|".repeat(strategies.size())).append('\n');
    row(md, "successes", strategies, s -> s.successes() + " of " + s.requests());
    row(md, "successes: interactive / batch", strategies, s -> s.successes(RequestClass.INTERACTIVE) + " / "
        + s.successes(RequestClass.BATCH));
    row(md, "success rate", strategies, s -> Format.percent(s.successRate()));
    row(md, "share of the theoretical maximum (" + result.maximum().total() + ")", strategies,
        s -> Format.percent(s.shareOf(result.maximum())));
    row(md, "failures by cause", strategies, s -> causes(s.failures()));
    row(md, "upstream attempts", strategies, s -> Long.toString(s.upstream().attempts()));
    row(md, "upstream attempts per success", strategies, s -> Format.ratio(s.upstreamAttemptsPerSuccess()));
    row(md, "upstream attempts per request", strategies, s -> Format.ratio(s.upstreamAttemptsPerRequest()));
    row(md, "upstream 429s: per minute / daily cap / provider", strategies, s -> s.upstream().freePerMinute429()
        + " / " + s.upstream().freePerDay429() + " / " + s.upstream().upstream429());
    row(md, "free daily quota burned", strategies, s -> s.upstream().freeDailyUsed() + " of " + s.freeDailyCap());
    row(md, "interactive latency p50 / p95 / p99 (s)", strategies, s -> latency(s.latency(RequestClass.INTERACTIVE)));
    row(md, "batch latency p50 / p95 / p99 (s)", strategies, s -> latency(s.latency(RequestClass.BATCH)));
    row(md, "batch over at", strategies, s -> s.batchFinished().map(Format::span).orElse("-"));
    row(md, "cost", strategies, s -> Format.usd(s.cost()));
    return md.toString();
  }

  private static void row(StringBuilder md, String name, List<StrategyResult> strategies,
      Function<StrategyResult, String> cell) {
    md.append("| ").append(name).append(" |");
    strategies.forEach(s -> md.append(' ').append(cell.apply(s)).append(" |"));
    md.append('\n');
  }

  private static String causes(Map<Cause, Long> failures) {
    if (failures.isEmpty()) {
      return "none";
    }
    return failures.entrySet().stream()
        .sorted(Map.Entry.<Cause, Long>comparingByValue().reversed())
        .map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String latency(Latencies l) {
    return l.count() == 0 ? "-"
        : Format.seconds(l.p50()) + " / " + Format.seconds(l.p95()) + " / " + Format.seconds(l.p99());
  }

  private static String hiccups(ScenarioResult result) {
    Latencies h = result.hiccups();
    if (h.count() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "Scheduling hiccups (how late a thread asking to wake every 5 ms woke): p99 %d ms,"
            + " max %d ms of real time, that is %s s and %s s of simulated time.%n%n", h.p99().toMillis(),
        h.max().toMillis(), Format.seconds(result.simulated(h.p99())), Format.seconds(result.simulated(h.max())));
  }

  private static String arrival(Arrival a) {
    return a.bursts()
        ? String.format(Locale.ROOT, "in bursts of %s every %s (%s of the requests)", Format.span(a.length()),
            Format.span(a.every()), Format.percent(a.share()))
        : "evenly spaced";
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}

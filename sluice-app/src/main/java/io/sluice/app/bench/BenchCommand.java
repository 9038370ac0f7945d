package io.sluice.app.bench;

import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.report.Charts;
import io.sluice.app.bench.report.MarkdownReport;
import io.sluice.app.bench.report.RecordsCsv;
import io.sluice.app.bench.workload.Arrival;
import io.sluice.app.bench.workload.ClassSpec;
import io.sluice.app.bench.workload.ModelChoice;
import io.sluice.app.bench.workload.TokenRange;
import io.sluice.app.bench.workload.Workload;
import io.sluice.app.bench.workload.Workloads;
import io.sluice.app.console.Logging;
import io.sluice.app.console.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bench WORKLOAD|all}: the resilience benchmark. Runs a workload against the
 * simulator through every client strategy side by side, prints the results as a Markdown table,
 * and writes the table and charts to files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run the resilience benchmark: a workload against the simulator through naive, backoff,"
        + " fallback and Sluice clients side by side; print a Markdown table and write it with PNG charts.")
public final class BenchCommand implements Callable<Integer> {

  /**
   * Every code path of every strategy, at real speed against instant answers: on a sped-up clock
   * the first requests' class loading and interpretation would otherwise cost seconds of
   * simulated time.
   */
  private static final Workload WARM_UP = new Workload("warm-up", "", "zero-latency", 1.0, 1L, Duration.ofSeconds(1),
      300, Arrival.STEADY, 0.5, new ClassSpec(4, Duration.ofSeconds(5)), new ClassSpec(4, Duration.ofSeconds(5)),
      new TokenRange(10, 400), new TokenRange(16, 64), List.of(new ModelChoice("sim/instant", 1.0, List.of())));

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "WORKLOAD",
      description = "free-tier, paid-turbulence, outage, mixed, all (the four in turn), or a workload YAML file.")
  String workload;

  @Option(names = "--out", defaultValue = "bench/resilience/results",
      description = "Folder for the Markdown and PNG files (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--strategies", split = ",", defaultValue = "naive,backoff,fallback,sluice",
      description = "Strategies to run, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> strategies;

  @Option(names = "--no-charts", description = "Write the Markdown only.")
  boolean noCharts;

  @Option(names = "--csv", description = "Also write every request's record to WORKLOAD-records.csv.")
  boolean csv;

  @Option(names = "--access-log", description = "Keep the gateway's line per request (on stderr), to see why it"
      + " answered as it did.")
  boolean accessLog;

  @Override
  public Integer call() throws InterruptedException, IOException {
    System.setProperty("java.awt.headless", "true");
    List<Workload> workloads = workloads();
    List<Strategy> chosen = strategies.stream().map(BenchCommand::strategy).toList();
    if (!accessLog) {
      Logging.quietAccessLog();
    }
    Files.createDirectories(out);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println("Warming up (a second or two on the zero-latency scenario, so that no run pays for the JIT)...");
    printer.flush();
    Benchmark.of(WARM_UP).run(chosen, new Progress(new PrintWriter(Writer.nullWriter()), false));
    List<ScenarioResult> results = new ArrayList<>();
    for (Workload w : workloads) {
      printer.printf("%s: %d requests over %s of simulated time, strategies %s%n", w.name(), w.requests(),
          Progress.hms(w.duration()), chosen.stream().map(Strategy::label).toList());
      printer.flush();
      ScenarioResult result = Benchmark.of(w).run(chosen, new Progress(printer, System.console() != null));
      results.add(result);
      String table = MarkdownReport.scenario(result);
      printer.println();
      printer.println(table);
      write(w.name() + ".md", table);
      if (csv) {
        write(w.name() + "-records.csv", RecordsCsv.of(result));
      }
      if (!noCharts) {
        Charts.scenario(result, out);
      }
    }
    if (results.size() > 1) {
      String summary = MarkdownReport.summary(results);
      printer.println(summary);
      write("summary.md", summary + "\n" + results.stream().map(MarkdownReport::scenario)
          .reduce((a, b) -> a + "\n" + b).orElse(""));
      if (!noCharts) {
        Charts.summary(results, out);
      }
    }
    printer.printf("Written to %s%n", out.toAbsolutePath().normalize());
    printer.flush();
    return results.stream().allMatch(r -> r.inconsistencies().isEmpty()) ? 0 : 1;
  }

  private static Strategy strategy(String name) {
    for (Strategy strategy : Strategy.values()) {
      if (strategy.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return strategy;
      }
    }
    throw new IllegalArgumentException("no strategy '" + name + "'; there are "
        + java.util.Arrays.stream(Strategy.values()).map(Strategy::label).toList());
  }

  private List<Workload> workloads() {
    if (workload.equals("all")) {
      return Workloads.PRESETS.stream().map(Workloads::preset).toList();
    }
    return List.of(Workloads.load(workload));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(out.resolve(name), text, StandardCharsets.UTF_8);
  }
}

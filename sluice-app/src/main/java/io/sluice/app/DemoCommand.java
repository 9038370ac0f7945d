package io.sluice.app;

import io.sluice.simulator.Simulator;
import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: Sluice's main job on embedded defaults. Until the gateway lands, it runs
 * the simulator with a workload of naive clients so the layered limits can be watched at work.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the simulator and drive a visible workload through it.")
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--scenario", defaultValue = "mixed", description = "Preset or YAML file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--port", defaultValue = "8788", description = "Simulator port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--duration", defaultValue = "20s", description = "How long the workload runs, real time (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--clients", defaultValue = "6", description = "Concurrent naive clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--exit", description = "Stop when the workload ends instead of serving until Ctrl-C.")
  boolean exitWhenDone;

  @Override
  public Integer call() throws InterruptedException {
    if (clients < 1) {
      throw new IllegalArgumentException("--clients must be at least 1, was " + clients);
    }
    Duration runFor = Scenarios.parseDuration(duration);
    Scenario loaded = Scenarios.load(scenario);
    PrintWriter out = spec.commandLine().getOut();
    try (Simulator simulator = Simulator.builder(loaded).port(port).start()) {
      out.printf("Sluice demo: simulated OpenRouter '%s' at %s (time x%s: %s real = %s simulated)%n",
          loaded.name(), simulator.apiBase(), loaded.timeScale(), duration,
          DemoWorkload.format(Duration.ofMillis((long) (runFor.toMillis() * loaded.timeScale()))));
      out.printf("%d naive clients (immediate retries on 429) across the scenario's keys and models...%n%n", clients);
      out.flush();
      DemoWorkload workload = new DemoWorkload(simulator, clients);
      workload.run(runFor, new Progress(out, System.console() != null));
      printSummary(out, simulator, workload);
      if (!exitWhenDone) {
        out.printf("%nThe simulator keeps serving at %s (stats: %s/sim/stats). Ctrl-C to stop.%n",
            simulator.apiBase(), simulator.baseUri());
        out.println(Keys.describe(loaded));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
      }
    }
    return 0;
  }

  private static void printSummary(PrintWriter out, Simulator simulator, DemoWorkload workload) {
    out.printf("%n%-18s %9s %9s %8s %8s %9s %7s %10s%n", "key", "attempts", "ok", "429/min", "429/day",
        "429/prov", "other", "spend $");
    for (KeyStats s : simulator.stats()) {
      long other = s.errors().values().stream().mapToLong(Long::longValue).sum();
      out.printf("%-18s %9d %9d %8d %8d %9d %7d %10.4f%n", s.label(), s.attempts(), s.successes(),
          s.freePerMinute429(), s.freePerDay429(), s.upstream429(), other, s.spend());
    }
    DemoWorkload.Tally t = workload.tally();
    long failed = t.attempts() - t.ok();
    out.printf("%nOf %d upstream attempts, %d succeeded and %d failed (%.0f%%); %d were immediate retries.%n",
        t.attempts(), t.ok(), failed, t.attempts() == 0 ? 0.0 : 100.0 * failed / t.attempts(), t.retries());
    out.println("Every failed free-model attempt still used up the account's daily allowance.");
    out.flush();
  }
}

package io.sluice.app;

import io.sluice.app.console.Logging;
import io.sluice.app.console.Progress;
import io.sluice.app.simulated.GatewaySetup;
import io.sluice.app.simulated.IssuedKey;
import io.sluice.gateway.Gateway;
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
    description = "Start the simulator and the gateway in front of it, and drive a visible workload through the gateway.")
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--scenario", defaultValue = "mixed", description = "Preset or YAML file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--port", defaultValue = "8787", description = "Gateway port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int gatewayPort;

  @Option(names = "--simulator-port", defaultValue = "8788",
      description = "Simulator port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int simulatorPort;

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
    GatewaySetup setup = DemoSetup.of(loaded);
    Logging.quietAccessLog();
    try (Simulator simulator = Simulator.builder(loaded).port(simulatorPort).start();
        Gateway gateway = setup.start(simulator, loaded.timeScale(), gatewayPort)) {
      out.printf("Sluice demo: the gateway at %s in front of a simulated OpenRouter ('%s', %s)%n",
          gateway.openRouterBaseUri(), loaded.name(), simulator.apiBase());
      out.printf("Time runs x%s: %s real = %s simulated.%n", loaded.timeScale(), duration,
          Progress.hms(Duration.ofMillis((long) (runFor.toMillis() * loaded.timeScale()))));
      out.printf("%d naive clients (immediate retries on 429) send through the gateway with %d Sluice keys;"
          + " the gateway forwards with one OpenRouter key (%s).%n%n", clients, setup.clientKeys().size(),
          setup.upstreamKey().label());
      out.flush();
      DemoWorkload workload = new DemoWorkload(gateway.openRouterBaseUri(),
          setup.clientKeys().stream().map(IssuedKey::key).toList(), loaded, setup.routeNames(),
          simulator.clock(), clients);
      workload.run(runFor, new Progress(out, System.console() != null));
      printSummary(out, simulator, workload);
      if (!exitWhenDone) {
        printHowToUse(out, gateway, setup, simulator);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
      }
    }
    return 0;
  }

  private static void printSummary(PrintWriter out, Simulator simulator, DemoWorkload workload) {
    out.printf("%nWhat the simulated OpenRouter saw, per upstream key:%n");
    out.printf("%-18s %9s %9s %8s %8s %9s %7s %10s%n", "key", "attempts", "ok", "429/min", "429/day",
        "429/prov", "other", "spend $");
    for (KeyStats s : simulator.stats()) {
      if (s.attempts() == 0) {
        continue;
      }
      long other = s.errors().values().stream().mapToLong(Long::longValue).sum();
      out.printf("%-18s %9d %9d %8d %8d %9d %7d %10.4f%n", s.label(), s.attempts(), s.successes(),
          s.freePerMinute429(), s.freePerDay429(), s.upstream429(), other, s.spend());
    }
    DemoWorkload.Tally t = workload.tally();
    long upstreamAttempts = simulator.stats().stream().mapToLong(KeyStats::attempts).sum();
    long upstreamFailed = upstreamAttempts - simulator.stats().stream().mapToLong(KeyStats::successes).sum();
    out.printf("%nOf %d requests the clients sent, %d succeeded and %d failed; %d were immediate retries.%n",
        t.attempts(), t.ok(), t.attempts() - t.ok(), t.retries());
    out.printf("The upstream saw %d attempts and refused %d of them: Sluice answered the other %d failures itself%n"
        + "(429 with Retry-After at the free-model limits), so they burned no quota.%n",
        upstreamAttempts, upstreamFailed, Math.max(0, t.attempts() - t.ok() - upstreamFailed));
    out.flush();
  }

  private static void printHowToUse(PrintWriter out, Gateway gateway, GatewaySetup setup, Simulator simulator) {
    out.printf("%nThe gateway keeps serving. Point any OpenAI or OpenRouter client at it:%n");
    out.printf("  OpenAI SDKs:      base URL %s%n", gateway.openAiBaseUri());
    out.printf("  OpenRouter SDKs:  base URL %s%n", gateway.openRouterBaseUri());
    for (IssuedKey key : setup.clientKeys()) {
      out.printf("  demo key %-14s %s  (%s)%n", key.name(), key.key(), key.description());
    }
    out.printf("  models: the simulator's (%s/models) and the route %s%n", gateway.openRouterBaseUri(),
        String.join(", ", setup.routeNames()));
    out.printf("%nTry:%n  curl -s %s/chat/completions -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\%n"
        + "    -d '{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'%n",
        gateway.openRouterBaseUri(), setup.clientKeys().getFirst().key(), setup.routeNames().getFirst());
    out.printf("%nSimulator stats: %s/sim/stats. Ctrl-C to stop.%n", simulator.baseUri());
    out.flush();
  }
}

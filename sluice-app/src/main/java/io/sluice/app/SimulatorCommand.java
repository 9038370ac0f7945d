package io.sluice.app;

import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice simulator}: the OpenRouter simulator on its own, until interrupted. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
    description = "Run the OpenRouter simulator on its own (presets: free-tier, paid-turbulence, outage, mixed, zero-latency).")
final class SimulatorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--scenario", defaultValue = "mixed", description = "Preset name or YAML file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--port", defaultValue = "8788", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--time-scale", description = "Simulated seconds per real second (default: the scenario's).")
  Double timeScale;

  @Override
  public Integer call() throws InterruptedException {
    Scenario loaded = Scenarios.load(scenario);
    if (timeScale != null) {
      loaded = loaded.withTimeScale(timeScale);
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Simulator simulator = Simulator.builder(loaded).host(host).port(port).start()) {
      // Ctrl-C: release the wait; try-with-resources then stops the server.
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf("Simulator '%s' (%s) listening on %s (time x%s)%n", loaded.name(), loaded.description(),
          simulator.apiBase(), loaded.timeScale());
      out.println(Keys.describe(loaded));
      out.printf("Stats: %s/sim/stats   Ctrl-C to stop.%n", simulator.baseUri());
      out.flush();
      stopped.await();
    }
    return 0;
  }
}

package io.sluice.app;

import io.sluice.simulator.scenario.Scenario;
import java.util.stream.Collectors;

/** How the CLI lists a scenario's keys. Simulator keys are fake and published in the presets. */
final class Keys {

  private Keys() {}

  static String describe(Scenario scenario) {
    return scenario.accounts().stream()
        .flatMap(a -> a.keys().stream().map(k -> String.format("  key %-18s %s  (account %s, %s credits, %s bought)",
            k.label(), k.key(), a.id(), a.credits(), a.purchased())))
        .collect(Collectors.joining(System.lineSeparator(), "Keys:" + System.lineSeparator(), ""));
  }
}

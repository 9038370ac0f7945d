package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.FaultSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The active faults. Matching is by model, provider, key, streaming and a window of simulated
 * time since the simulator started; a probability below 1 draws from the scenario's seed.
 */
final class Faults {

  private final List<FaultSpec> faults = new CopyOnWriteArrayList<>();
  private final Instant start;
  private final SplitMix random;

  Faults(List<FaultSpec> initial, Instant start, SplitMix random) {
    this.faults.addAll(initial);
    this.start = start;
    this.random = random;
  }

  void add(FaultSpec fault) {
    faults.add(fault);
  }

  void clear() {
    faults.clear();
  }

  List<FaultSpec> list() {
    return List.copyOf(faults);
  }

  /** The first routing fault that strikes this provider attempt, or null. */
  FaultSpec routing(Endpoint endpoint, Accounts.Caller caller, boolean stream, Instant now) {
    for (FaultSpec fault : faults) {
      if (fault.isRouting() && strikes(fault, endpoint, caller, stream, now)) {
        return fault;
      }
    }
    return null;
  }

  /** Every delivery fault that strikes this response, in scenario order. */
  List<FaultSpec> delivery(Endpoint endpoint, Accounts.Caller caller, boolean stream, Instant now) {
    return faults.stream()
        .filter(f -> !f.isRouting() && strikes(f, endpoint, caller, stream, now))
        .toList();
  }

  private boolean strikes(FaultSpec fault, Endpoint endpoint, Accounts.Caller caller, boolean stream, Instant now) {
    if (fault.model() != null && !fault.model().equals(endpoint.model.id())) {
      return false;
    }
    if (fault.provider() != null && !endpoint.matches(fault.provider().toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    if (fault.key() != null && !fault.key().equals(caller.label()) && !fault.key().equals(caller.key().key())) {
      return false;
    }
    if (fault.stream() != null && fault.stream() != stream) {
      return false;
    }
    Duration elapsed = Duration.between(start, now);
    if (elapsed.compareTo(fault.from()) < 0 || (fault.until() != null && elapsed.compareTo(fault.until()) >= 0)) {
      return false;
    }
    return fault.probability() >= 1 || random.nextDouble() < fault.probability();
  }
}

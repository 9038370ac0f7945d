package io.sluice.app.bench.measure;

import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.Capacity;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Platform;
import io.sluice.simulator.scenario.ProviderSpec;
import io.sluice.simulator.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A client that knows every limit of a scenario and every scheduled fault in advance, replayed
 * as an event simulation in milliseconds since the run's start. It sends each request as early as
 * the limits allow, earliest deadline first, to the first model of its chain that can take it and
 * finish before the deadline, and never sends an attempt that would fail. Not thread-safe; one
 * instance serves one schedule.
 */
final class IdealClient {

  private static final long MINUTE_MS = 60_000;
  private static final long DAY_MS = 86_400_000;

  private final Platform platform;
  private final AccountSpec account;
  private final KeySpec key;
  private final long startMs;
  private final Map<String, ModelSpec> models = new HashMap<>();
  private final Map<String, List<Provider>> providers = new HashMap<>();
  private final List<FaultSpec> certainFaults;
  private final ArrayDeque<Long> freeWindow = new ArrayDeque<>();
  private long freeDay = Long.MIN_VALUE;
  private int freeUsedToday;

  IdealClient(Scenario scenario, String keyLabel, Instant start) {
    this.platform = scenario.platform();
    this.account = scenario.accounts().stream()
        .filter(a -> a.keys().stream().anyMatch(k -> k.label().equals(keyLabel)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no key labelled '" + keyLabel + "' in " + scenario.name()));
    this.key = account.keys().stream().filter(k -> k.label().equals(keyLabel)).findFirst().orElseThrow();
    this.startMs = start.toEpochMilli();
    for (ModelSpec model : scenario.models()) {
      models.put(model.id(), model);
      providers.put(model.id(), model.providers().stream().map(p -> new Provider(model, p)).toList());
    }
    this.certainFaults = scenario.faults().stream()
        .filter(f -> f.isRouting() && f.probability() >= 1 && !Boolean.TRUE.equals(f.stream()))
        .filter(f -> f.key() == null || f.key().equals(key.label()) || f.key().equals(key.key()))
        .toList();
  }

  /** How many requests of {@code schedule} (in arrival order) it serves, by class. */
  TheoreticalMaximum serve(List<PlannedRequest> schedule) {
    PriorityQueue<PlannedRequest> pending = new PriorityQueue<>(
        Comparator.comparing(PlannedRequest::due).thenComparingInt(PlannedRequest::index));
    int interactive = 0;
    int batch = 0;
    int next = 0;
    long t = 0;
    while (true) {
      while (next < schedule.size() && schedule.get(next).arrival().toMillis() <= t) {
        pending.add(schedule.get(next++));
      }
      List<PlannedRequest> waiting = new ArrayList<>();
      while (!pending.isEmpty()) {
        PlannedRequest request = pending.poll();
        if (request.due().toMillis() < t) {
          continue; // too late for anyone
        }
        if (tryStart(request, t)) {
          interactive += request.type() == RequestClass.INTERACTIVE ? 1 : 0;
          batch += request.type() == RequestClass.BATCH ? 1 : 0;
        } else {
          waiting.add(request);
        }
      }
      pending.addAll(waiting);
      long nextArrival = next < schedule.size() ? schedule.get(next).arrival().toMillis() : Long.MAX_VALUE;
      long later = pending.isEmpty() ? nextArrival : Math.min(nextArrival, nextChange(t));
      if (later == Long.MAX_VALUE) {
        return new TheoreticalMaximum(interactive, batch);
      }
      t = later;
    }
  }

  private boolean tryStart(PlannedRequest request, long t) {
    for (String id : request.chain()) {
      ModelSpec model = models.get(id);
      if (model == null || !affordable(model) || (model.isFree() && !freeAdmits(t))) {
        continue;
      }
      for (Provider provider : providers.get(id)) {
        long end = t + provider.serviceMs(request);
        if (end <= request.due().toMillis() && provider.fits(request) && !struck(provider, t)
            && provider.hasRoom(t, request)) {
          if (model.isFree()) {
            admitFree(t);
          }
          provider.take(t, end, request);
          return true;
        }
      }
    }
    return false;
  }

  /** Paid models need a positive balance; a negative one stops free models too (the simulator's 402). */
  private boolean affordable(ModelSpec model) {
    return model.isFree() ? account.credits() >= 0 : account.credits() > 0;
  }

  private boolean freeAdmits(long t) {
    rollDay(t);
    while (!freeWindow.isEmpty() && freeWindow.peekFirst() <= t - MINUTE_MS) {
      freeWindow.pollFirst();
    }
    int dailyCap = TheoreticalMaximum.freeDailyCap(platform, account);
    return freeUsedToday < dailyCap && freeWindow.size() < platform.freeRequestsPerMinute();
  }

  private void admitFree(long t) {
    freeWindow.addLast(t);
    freeUsedToday++;
  }

  private void rollDay(long t) {
    long day = Math.floorDiv(startMs + t, DAY_MS);
    if (day != freeDay) {
      freeDay = day;
      freeUsedToday = 0;
    }
  }

  private boolean struck(Provider provider, long t) {
    for (FaultSpec fault : certainFaults) {
      boolean model = fault.model() == null || fault.model().equals(provider.model.id());
      boolean named = fault.provider() == null || provider.named(fault.provider());
      boolean inWindow = t >= fault.from().toMillis() && (fault.until() == null || t < fault.until().toMillis());
      if (model && named && inWindow) {
        return true;
      }
    }
    return false;
  }

  /** The next instant after {@code t} at which something that holds a request back may let go. */
  private long nextChange(long t) {
    List<Long> candidates = new ArrayList<>();
    freeAdmits(t); // drops what left the window
    if (!freeWindow.isEmpty()) {
      candidates.add(freeWindow.peekFirst() + MINUTE_MS);
    }
    candidates.add((Math.floorDiv(startMs + t, DAY_MS) + 1) * DAY_MS - startMs);
    for (FaultSpec fault : certainFaults) {
      candidates.add(fault.from().toMillis());
      if (fault.until() != null) {
        candidates.add(fault.until().toMillis());
      }
    }
    providers.values().forEach(list -> list.forEach(p -> p.changes(t, candidates)));
    return candidates.stream().filter(c -> c > t).min(Long::compare).orElse(Long.MAX_VALUE);
  }

  /** One provider of one model: its capacity windows and the requests it has in flight. */
  private static final class Provider {
    final ModelSpec model;
    final ProviderSpec spec;
    final ArrayDeque<Long> requestTimes = new ArrayDeque<>();
    final ArrayDeque<long[]> tokenTimes = new ArrayDeque<>();
    final PriorityQueue<Long> inFlightEnds = new PriorityQueue<>();
    long tokensInWindow;

    Provider(ModelSpec model, ProviderSpec spec) {
      this.model = model;
      this.spec = spec;
    }

    boolean named(String provider) {
      String slug = provider.toLowerCase(Locale.ROOT);
      return spec.slug().equals(slug) || spec.slug().startsWith(slug + "/") || spec.name().equalsIgnoreCase(provider);
    }

    boolean fits(PlannedRequest request) {
      int context = spec.contextLength() != null ? spec.contextLength() : model.contextLength();
      return request.promptTokens() + request.maxTokens() <= context;
    }

    /** The shortest answer the simulator could give: its first token, then the fewest tokens. */
    long serviceMs(PlannedRequest request) {
      double tokensPerSecond = spec.latency().tokensPerSecond();
      long generation = tokensPerSecond == 0 ? 0 : (long) (completionTokens(request) * 1000 / tokensPerSecond);
      return spec.latency().firstToken().toMillis() + generation;
    }

    int completionTokens(PlannedRequest request) {
      return Math.min(request.maxTokens(), Math.min(model.completion().min(), model.maxCompletionTokens()));
    }

    boolean hasRoom(long t, PlannedRequest request) {
      prune(t);
      Capacity c = spec.capacity();
      long tokens = (long) request.promptTokens() + completionTokens(request);
      return (c.requestsPerMinute() == 0 || requestTimes.size() < c.requestsPerMinute())
          && (c.tokensPerMinute() == 0 || tokensInWindow + tokens <= c.tokensPerMinute())
          && (c.concurrency() == 0 || inFlightEnds.size() < c.concurrency());
    }

    void take(long t, long end, PlannedRequest request) {
      requestTimes.addLast(t);
      long tokens = (long) request.promptTokens() + completionTokens(request);
      tokenTimes.addLast(new long[] {t, tokens});
      tokensInWindow += tokens;
      inFlightEnds.add(end);
    }

    void changes(long t, List<Long> candidates) {
      prune(t);
      if (!requestTimes.isEmpty()) {
        candidates.add(requestTimes.peekFirst() + MINUTE_MS);
      }
      if (!tokenTimes.isEmpty()) {
        candidates.add(tokenTimes.peekFirst()[0] + MINUTE_MS);
      }
      if (!inFlightEnds.isEmpty()) {
        candidates.add(inFlightEnds.peek());
      }
    }

    private void prune(long t) {
      while (!requestTimes.isEmpty() && requestTimes.peekFirst() <= t - MINUTE_MS) {
        requestTimes.pollFirst();
      }
      while (!tokenTimes.isEmpty() && tokenTimes.peekFirst()[0] <= t - MINUTE_MS) {
        tokensInWindow -= tokenTimes.pollFirst()[1];
      }
      while (!inFlightEnds.isEmpty() && inFlightEnds.peek() <= t) {
        inFlightEnds.poll();
      }
    }
  }
}

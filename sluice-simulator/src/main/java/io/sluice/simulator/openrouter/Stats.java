package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every key did to the simulated OpenRouter: attempts, successes, 429s by kind, other
 * errors, tokens and spend. Benchmarks read it to count every wasted upstream attempt.
 */
final class Stats {

  private final Map<String, KeyCounters> byKey = new ConcurrentHashMap<>();

  void attempt(String label) {
    counters(label).attempts.increment();
  }

  void success(String label, long promptTokens, long completionTokens, double cost) {
    KeyCounters c = counters(label);
    c.successes.increment();
    c.promptTokens.add(promptTokens);
    c.completionTokens.add(completionTokens);
    c.spend.add(cost);
  }

  /** A response that started but did not complete cleanly (a fault, or the client left). */
  void broken(String label, String cause, long promptTokens, long completionTokens, double cost) {
    KeyCounters c = counters(label);
    c.errors.computeIfAbsent(cause, k -> new LongAdder()).increment();
    c.promptTokens.add(promptTokens);
    c.completionTokens.add(completionTokens);
    c.spend.add(cost);
  }

  void error(String label, SimError error) {
    KeyCounters c = counters(label);
    switch (error.kind()) {
      case FREE_PER_MINUTE -> c.freePerMinute.increment();
      case FREE_PER_DAY -> c.freePerDay.increment();
      case UPSTREAM_RATE_LIMIT -> c.upstreamRateLimited.increment();
      case OTHER -> c.errors.computeIfAbsent(Integer.toString(error.status()), k -> new LongAdder()).increment();
    }
  }

  void reset() {
    byKey.clear();
  }

  /** A snapshot of one key's counters, or all zeros for a key never seen. */
  KeyStats of(String label, int freeDailyUsed) {
    KeyCounters c = byKey.getOrDefault(label, new KeyCounters());
    Map<String, Long> errors = new TreeMap<>();
    c.errors.forEach((k, v) -> errors.put(k, v.sum()));
    return new KeyStats(label, c.attempts.sum(), c.successes.sum(), c.freePerMinute.sum(), c.freePerDay.sum(),
        c.upstreamRateLimited.sum(), errors, c.promptTokens.sum(), c.completionTokens.sum(), c.spend.sum(),
        freeDailyUsed);
  }

  static ObjectNode toJson(KeyStats s) {
    ObjectNode node = Json.object();
    node.put("attempts", s.attempts());
    node.put("successes", s.successes());
    ObjectNode limited = node.putObject("rate_limited");
    limited.put("free_per_minute", s.freePerMinute429());
    limited.put("free_per_day", s.freePerDay429());
    limited.put("upstream", s.upstream429());
    ObjectNode errors = node.putObject("errors");
    s.errors().forEach(errors::put);
    ObjectNode tokens = node.putObject("tokens");
    tokens.put("prompt", s.promptTokens());
    tokens.put("completion", s.completionTokens());
    node.put("spend", s.spend());
    node.put("free_daily_used", s.freeDailyUsed());
    return node;
  }

  private KeyCounters counters(String label) {
    return byKey.computeIfAbsent(label, k -> new KeyCounters());
  }

  private static final class KeyCounters {
    final LongAdder attempts = new LongAdder();
    final LongAdder successes = new LongAdder();
    final LongAdder freePerMinute = new LongAdder();
    final LongAdder freePerDay = new LongAdder();
    final LongAdder upstreamRateLimited = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final LongAdder promptTokens = new LongAdder();
    final LongAdder completionTokens = new LongAdder();
    final DoubleAdder spend = new DoubleAdder();
  }
}

package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.Capacity;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Pricing;
import io.sluice.simulator.scenario.ProviderSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One provider serving one model: its price, context window and capacity, and when it last
 * failed (OpenRouter avoids providers that failed in the last 30 s).
 */
final class Endpoint {

  private static final long MINUTE_MS = 60_000;
  static final long RECENT_FAILURE_MS = 30_000;

  final ModelSpec model;
  final ProviderSpec provider;
  final Pricing pricing;
  final int contextLength;
  final List<String> supports;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Long> requestTimes = new ArrayDeque<>();
  private final ArrayDeque<long[]> tokenTimes = new ArrayDeque<>();
  private long tokensInWindow;
  private int inFlight;
  private long lastFailureMs = Long.MIN_VALUE;

  Endpoint(ModelSpec model, ProviderSpec provider) {
    this.model = model;
    this.provider = provider;
    this.pricing = provider.pricing() != null ? provider.pricing() : model.pricing();
    this.contextLength = provider.contextLength() != null ? provider.contextLength() : model.contextLength();
    this.supports = provider.supports() != null ? provider.supports() : model.supportedParameters();
  }

  String name() {
    return provider.name();
  }

  /** Price used for OpenRouter's price-weighted choice: prompt plus completion per token. */
  double unitPrice() {
    return pricing.prompt() + pricing.completion();
  }

  boolean matches(String slug) {
    String own = provider.slug();
    return own.equals(slug) || own.startsWith(slug + "/") || provider.name().equalsIgnoreCase(slug);
  }

  boolean failedRecently(Instant now) {
    lock.lock();
    try {
      return lastFailureMs != Long.MIN_VALUE && now.toEpochMilli() - lastFailureMs < RECENT_FAILURE_MS;
    } finally {
      lock.unlock();
    }
  }

  void recordFailure(Instant now) {
    lock.lock();
    try {
      lastFailureMs = now.toEpochMilli();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes capacity for one request of {@code tokens} tokens, or returns null when the provider
   * is over any of its limits (the attempt is then throttled upstream).
   */
  Lease tryAcquire(Instant now, long tokens) {
    Capacity capacity = provider.capacity();
    long nowMs = now.toEpochMilli();
    lock.lock();
    try {
      prune(nowMs);
      if (capacity.requestsPerMinute() > 0 && requestTimes.size() >= capacity.requestsPerMinute()) {
        return null;
      }
      if (capacity.tokensPerMinute() > 0 && tokensInWindow + tokens > capacity.tokensPerMinute()) {
        return null;
      }
      if (capacity.concurrency() > 0 && inFlight >= capacity.concurrency()) {
        return null;
      }
      if (capacity.requestsPerMinute() > 0) {
        requestTimes.addLast(nowMs);
      }
      if (capacity.tokensPerMinute() > 0) {
        tokenTimes.addLast(new long[] {nowMs, tokens});
        tokensInWindow += tokens;
      }
      inFlight++;
      return new Lease();
    } finally {
      lock.unlock();
    }
  }

  private void prune(long nowMs) {
    while (!requestTimes.isEmpty() && requestTimes.peekFirst() <= nowMs - MINUTE_MS) {
      requestTimes.pollFirst();
    }
    while (!tokenTimes.isEmpty() && tokenTimes.peekFirst()[0] <= nowMs - MINUTE_MS) {
      tokensInWindow -= tokenTimes.pollFirst()[1];
    }
  }

  /** A request in flight on this endpoint; closing it frees the concurrency slot once. */
  final class Lease implements AutoCloseable {
    private boolean closed;

    Endpoint endpoint() {
      return Endpoint.this;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (!closed) {
          closed = true;
          inFlight--;
        }
      } finally {
        lock.unlock();
      }
    }
  }
}

package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Generation records for {@code GET /api/v1/generation}. Like OpenRouter, a record is not
 * visible until a short delay after its request ended. The oldest records are dropped beyond
 * a fixed count so a long benchmark cannot grow memory without bound.
 */
final class Generations {

  private static final int MAX_RECORDS = 100_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Entry> byId = new HashMap<>();
  private final ArrayDeque<String> insertionOrder = new ArrayDeque<>();

  void put(String id, String accountId, Instant readyAt, ObjectNode data) {
    lock.lock();
    try {
      byId.put(id, new Entry(accountId, readyAt, data));
      insertionOrder.addLast(id);
      while (insertionOrder.size() > MAX_RECORDS) {
        byId.remove(insertionOrder.pollFirst());
      }
    } finally {
      lock.unlock();
    }
  }

  /** The record if it belongs to {@code accountId} and is ready at {@code now}; else null. */
  ObjectNode find(String id, String accountId, Instant now) {
    lock.lock();
    try {
      Entry entry = byId.get(id);
      if (entry == null || !entry.accountId.equals(accountId) || now.isBefore(entry.readyAt)) {
        return null;
      }
      return entry.data;
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      byId.clear();
      insertionOrder.clear();
    } finally {
      lock.unlock();
    }
  }

  private record Entry(String accountId, Instant readyAt, ObjectNode data) {}
}

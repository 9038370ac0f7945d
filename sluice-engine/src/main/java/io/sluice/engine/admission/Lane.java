package io.sluice.engine.admission;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The waiters of one priority class: a queue per tenant, served round-robin. A tenant joins the
 * back of the rotation when its first waiter arrives, and goes to the back again after each
 * admission while it still has waiters, so between two admissions of a waiting tenant every other
 * tenant of the class is admitted at most once. Not thread-safe: the queue's lock guards it.
 */
final class Lane {

  private final Map<String, ArrayDeque<Waiter>> byTenant = new HashMap<>();
  private final ArrayDeque<String> rotation = new ArrayDeque<>();

  boolean isEmpty() {
    return rotation.isEmpty();
  }

  void add(Waiter waiter) {
    byTenant.computeIfAbsent(waiter.tenant(), tenant -> {
      rotation.addLast(tenant);
      return new ArrayDeque<>();
    }).addLast(waiter);
  }

  /** How many wait. */
  int size() {
    return byTenant.values().stream().mapToInt(ArrayDeque::size).sum();
  }

  /** How many of {@code tenant}'s requests wait. */
  int waiting(String tenant) {
    ArrayDeque<Waiter> waiters = byTenant.get(tenant);
    return waiters == null ? 0 : waiters.size();
  }

  /** The waiter {@link #next()} would remove; null when none waits. */
  Waiter peek() {
    String tenant = rotation.peekFirst();
    return tenant == null ? null : byTenant.get(tenant).peekFirst();
  }

  /** The next waiter by rotation, removed; null when none waits. */
  Waiter next() {
    String tenant = rotation.pollFirst();
    if (tenant == null) {
      return null;
    }
    ArrayDeque<Waiter> waiters = byTenant.get(tenant);
    Waiter next = waiters.pollFirst();
    if (waiters.isEmpty()) {
      byTenant.remove(tenant);
    } else {
      rotation.addLast(tenant);
    }
    return next;
  }

  /** Removes a waiter from wherever it is; its tenant keeps its place in the rotation if it has others. */
  void remove(Waiter waiter) {
    ArrayDeque<Waiter> waiters = byTenant.get(waiter.tenant());
    if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
      byTenant.remove(waiter.tenant());
      rotation.remove(waiter.tenant());
    }
  }
}

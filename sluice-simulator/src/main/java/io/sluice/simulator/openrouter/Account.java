package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.Platform;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** One account's mutable state: balance, credits bought, spend by period, free-model counters, per-key spend. */
final class Account {

  private final AccountSpec spec;
  private final ReentrantLock lock = new ReentrantLock();
  private final FreeModelLimit free = new FreeModelLimit();
  private final Map<String, KeyUsage> keys = new LinkedHashMap<>();
  private double balance;
  private double credited;
  private double purchased;
  private final SpendByPeriod spend = new SpendByPeriod();

  Account(AccountSpec spec) {
    this.spec = spec;
    this.balance = spec.credits();
    this.credited = spec.credits();
    this.purchased = spec.purchased();
    for (KeySpec key : spec.keys()) {
      keys.put(key.key(), new KeyUsage(key));
    }
  }

  String id() {
    return spec.id();
  }

  String userId() {
    return "user_" + spec.id();
  }

  KeySpec keySpec(String key) {
    return keys.get(key).spec;
  }

  boolean highBalance(Platform platform) {
    lock.lock();
    try {
      return purchased >= platform.purchaseThreshold();
    } finally {
      lock.unlock();
    }
  }

  /** Credits bought now: the balance, the credits reported and the purchases all grow by {@code usd}. */
  void buy(double usd) {
    lock.lock();
    try {
      balance += usd;
      credited += usd;
      purchased += usd;
    } finally {
      lock.unlock();
    }
  }

  FreeModelLimit.Decision admitFree(Instant now, Platform platform) {
    lock.lock();
    try {
      return free.tryAdmit(now, platform, highBalance(platform));
    } finally {
      lock.unlock();
    }
  }

  double balance() {
    lock.lock();
    try {
      return balance;
    } finally {
      lock.unlock();
    }
  }

  /** USD the key may still spend under its own limit, or infinity when it has none. */
  double keyRemaining(String key) {
    lock.lock();
    try {
      KeyUsage usage = keys.get(key);
      return usage.spec.limit() == null ? Double.POSITIVE_INFINITY : usage.spec.limit() - usage.total;
    } finally {
      lock.unlock();
    }
  }

  void charge(String key, double cost, Instant now) {
    if (cost <= 0) {
      return;
    }
    lock.lock();
    try {
      balance -= cost;
      spend.add(cost, now);
      KeyUsage usage = keys.get(key);
      usage.total += cost;
      usage.spend.add(cost, now);
    } finally {
      lock.unlock();
    }
  }

  /** What {@code GET /api/v1/key} reports for {@code key}. */
  KeyReport report(String key, Instant now, Platform platform) {
    lock.lock();
    try {
      KeyUsage usage = keys.get(key);
      boolean high = highBalance(platform);
      int cap = FreeModelLimit.dailyCap(platform, high);
      int used = free.usedToday(now);
      Double limit = usage.spec.limit();
      return new KeyReport(usage.spec.label(), limit, limit == null ? null : Math.max(0, limit - usage.total),
          usage.total, usage.spend.daily(now), usage.spend.weekly(now), usage.spend.monthly(now),
          purchased == 0, usage.spec.management(), cap, Math.max(0, cap - used), used);
    } finally {
      lock.unlock();
    }
  }

  /** Total credits bought and used, as {@code GET /api/v1/credits} reports them. */
  double[] credits() {
    lock.lock();
    try {
      return new double[] {credited, spend.total};
    } finally {
      lock.unlock();
    }
  }

  record KeyReport(String label, Double limit, Double limitRemaining, double usage, double usageDaily,
      double usageWeekly, double usageMonthly, boolean freeTier, boolean management,
      int freeDailyLimit, int freeDailyRemaining, int freeDailyUsed) {}

  private static final class KeyUsage {
    final KeySpec spec;
    final SpendByPeriod spend = new SpendByPeriod();
    double total;

    KeyUsage(KeySpec spec) {
      this.spec = spec;
    }
  }

  /** Spend totals for the current UTC day, Monday-start week and calendar month. */
  private static final class SpendByPeriod {
    double total;
    private LocalDate day;
    private double daily;
    private LocalDate week;
    private double weekly;
    private LocalDate month;
    private double monthly;

    void add(double cost, Instant now) {
      roll(now);
      total += cost;
      daily += cost;
      weekly += cost;
      monthly += cost;
    }

    double daily(Instant now) {
      roll(now);
      return daily;
    }

    double weekly(Instant now) {
      roll(now);
      return weekly;
    }

    double monthly(Instant now) {
      roll(now);
      return monthly;
    }

    private void roll(Instant now) {
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      if (!today.equals(day)) {
        day = today;
        daily = 0;
      }
      LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      if (!monday.equals(week)) {
        week = monday;
        weekly = 0;
      }
      LocalDate first = today.withDayOfMonth(1);
      if (!first.equals(month)) {
        month = first;
        monthly = 0;
      }
    }
  }
}

package io.sluice.app.bench.report;

import io.sluice.app.bench.client.RequestRecord;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import java.util.Locale;

/** Every request's record, one CSV line each: the raw data behind the tables and charts. */
public final class RecordsCsv {

  private RecordsCsv() {}

  /** A header line, then one line per strategy and request; times in simulated seconds since the start. */
  public static String of(ScenarioResult result) {
    StringBuilder csv = new StringBuilder(
        "strategy,request,class,model,arrival_s,end_s,latency_s,outcome,client_attempts,upstream_attempts,abandoned\n");
    for (StrategyResult s : result.strategies()) {
      for (RequestRecord r : s.records()) {
        csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%.3f,%.3f,%.3f,%s,%d,%d,%b%n", s.strategy().label(),
            r.request().index(), r.request().type().label(), r.request().model(), r.request().arrival().toMillis() / 1e3,
            r.end().toMillis() / 1e3, r.latency().toMillis() / 1e3, r.success() ? "ok" : r.failure().name().toLowerCase(
                Locale.ROOT), r.clientAttempts(), r.upstreamAttempts(), r.abandoned()));
      }
    }
    return csv.toString();
  }
}

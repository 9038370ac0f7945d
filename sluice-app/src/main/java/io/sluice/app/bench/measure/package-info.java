/**
 * The benchmark's arithmetic: latency percentiles, each strategy's tallies and their agreement with
 * the simulator's own counts, and the theoretical maximum a scenario's limits allow.
 */
package io.sluice.app.bench.measure;

/**
 * The resilience benchmark ({@code sluice bench}): what happens to an application when the
 * upstream says 429, measured. A {@link io.sluice.app.bench.workload.Workload workload} runs
 * against the simulator through four client strategies side by side, each against its own
 * simulator of the same scenario on one simulated clock; {@link io.sluice.app.bench.Benchmark}
 * runs it, {@code measure} turns the clients' records and the simulator's counts into figures,
 * and {@code report} writes them as Markdown and PNG charts.
 */
package io.sluice.app.bench;

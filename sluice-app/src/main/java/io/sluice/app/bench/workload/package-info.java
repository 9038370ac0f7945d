/** What the benchmark's clients send: workload files, and the schedule of requests drawn from one. */
package io.sluice.app.bench.workload;

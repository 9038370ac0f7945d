/** The benchmark's results as Markdown tables, PNG charts (JFreeChart) and a CSV of every request. */
package io.sluice.app.bench.report;

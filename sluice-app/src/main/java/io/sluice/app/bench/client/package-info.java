/**
 * The benchmark's clients: the strategies (naive, backoff, fallback, through Sluice), their retry
 * policies, and the runs that send a schedule's requests and record how each ended.
 */
package io.sluice.app.bench.client;

/**
 * What Sluice reads from an OpenRouter-compatible upstream, independent of the HTTP client that
 * carries the bytes: server-sent events parsed incrementally, errors in each of their wire forms,
 * and the usage, model and provider a response reports.
 */
package io.sluice.upstream;

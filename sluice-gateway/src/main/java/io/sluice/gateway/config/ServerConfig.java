package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.orDefault;
import static io.sluice.gateway.config.Checks.positive;
import static io.sluice.gateway.config.Checks.require;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the gateway listens.
 *
 * @param host address to bind; {@value #DEFAULT_HOST} (this machine only) by default, {@code 0.0.0.0} for all interfaces
 * @param port port to listen on, {@value #DEFAULT_PORT} by default; 0 picks a free one
 * @param maxRequestBodyBytes larger request bodies are refused with 413; 10 MiB by default
 * @param requestReadTimeout how long a client may take to send one whole request, from its first
 *     byte (30s by default); a slower one gets 408 and is disconnected
 * @param idleTimeout how long a keep-alive connection may stay idle between requests (60s by default)
 */
public record ServerConfig(
    String host, Integer port, Long maxRequestBodyBytes, Duration requestReadTimeout, Duration idleTimeout) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8787;
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 10L * 1024 * 1024;

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]%_-]+");
  private static final long MIN_BODY = 1024;
  private static final long MAX_BODY = 1024L * 1024 * 1024;

  // After the patterns above: building it runs the validation that uses them.
  public static final ServerConfig DEFAULTS = new ServerConfig(null, null, null, null, null);

  public ServerConfig {
    host = orDefault(host, DEFAULT_HOST).strip();
    require(HOST.matcher(host).matches(),
        "host must be a host name or IP address such as 127.0.0.1 or 0.0.0.0, was '" + host + "'");
    port = orDefault(port, DEFAULT_PORT);
    require(port >= 0 && port <= 65_535, "port must be between 0 and 65535 (0 picks a free port), was " + port);
    maxRequestBodyBytes = orDefault(maxRequestBodyBytes, DEFAULT_MAX_REQUEST_BODY_BYTES);
    require(maxRequestBodyBytes >= MIN_BODY && maxRequestBodyBytes <= MAX_BODY,
        "max-request-body-bytes must be between " + MIN_BODY + " and " + MAX_BODY + ", was " + maxRequestBodyBytes);
    requestReadTimeout = positive(requestReadTimeout, Duration.ofSeconds(30), "request-read-timeout");
    idleTimeout = positive(idleTimeout, Duration.ofSeconds(60), "idle-timeout");
  }

  /** The same, listening on {@code newPort} (0 for a free one). */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxRequestBodyBytes, requestReadTimeout, idleTimeout);
  }
}

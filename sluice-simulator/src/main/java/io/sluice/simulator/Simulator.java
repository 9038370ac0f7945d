package io.sluice.simulator;

import io.sluice.simulator.openrouter.KeyStats;
import io.sluice.simulator.openrouter.OpenRouterHandler;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running OpenRouter simulator: a real HTTP server on a local port that answers like
 * OpenRouter, from a {@link Scenario}.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder(Scenarios.preset("free-tier")).port(0).start()) {
 *   URI api = sim.apiBase();   // http://127.0.0.1:PORT/api/v1
 *   ...
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final OpenRouterHandler handler;
  private final Scenario scenario;
  private final SimClock clock;

  private Simulator(Builder builder) throws Exception {
    this.scenario = builder.scenario;
    this.clock = builder.clock != null ? builder.clock : SimClock.scaled(scenario.timeScale());
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName(builder.threadName);
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(builder.host);
    connector.setPort(builder.port);
    connector.setIdleTimeout(builder.idleTimeout.toMillis());
    server.addConnector(connector);
    this.handler = new OpenRouterHandler(scenario, clock);
    server.setHandler(handler);
    server.setStopTimeout(0);
    server.start();
  }

  public static Builder builder(Scenario scenario) {
    return new Builder(scenario);
  }

  /** The port it listens on (useful after asking for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** The OpenRouter-style API base, {@code http://host:port/api/v1}. */
  public URI apiBase() {
    return baseUri().resolve("/api/v1");
  }

  /** Client connections open right now; tests use it to prove nothing leaks. */
  public int openConnections() {
    return connector.getConnectedEndPoints().size();
  }

  /**
   * Requests being answered right now. A client that leaves ends its request at once, so tests
   * use this to prove that a gateway cancelled what its own client abandoned.
   */
  public int requestsInProgress() {
    return handler.requestsInProgress();
  }

  public Scenario scenario() {
    return scenario;
  }

  public SimClock clock() {
    return clock;
  }

  /** One key's tallies, by its label. */
  public KeyStats stats(String keyLabel) {
    return handler.stats(keyLabel);
  }

  /** Every key's tallies. */
  public List<KeyStats> stats() {
    return handler.allStats();
  }

  /** Adds a fault that applies from now on (its window still counts from the start). */
  public void injectFault(FaultSpec fault) {
    handler.addFault(fault);
  }

  /** Removes every fault, those of the scenario included. */
  public void clearFaults() {
    handler.clearFaults();
  }

  /**
   * The account {@code accountId} buys {@code usd} of credits now: its balance, the {@code
   * total_credits} of {@code /api/v1/credits} and its purchases (which unlock the higher free-model
   * cap) grow by that much, until the next {@link #reset}.
   *
   * @throws IllegalArgumentException if the scenario has no such account
   */
  public void addCredits(String accountId, double usd) {
    handler.addCredits(accountId, usd);
  }

  /** Back to the scenario's start: balances, counters, provider state, generations, faults. */
  public void reset() {
    handler.reset();
  }

  @Override
  public void close() {
    handler.interruptAll();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("simulator did not stop cleanly", e);
    }
  }

  /** Options for starting a simulator; every one has a default. */
  public static final class Builder {
    private final Scenario scenario;
    private SimClock clock;
    private String host = "127.0.0.1";
    private int port;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private String threadName = "simulator";

    private Builder(Scenario scenario) {
      this.scenario = java.util.Objects.requireNonNull(scenario, "scenario");
    }

    /** The clock; by default the scenario's time scale over real time. */
    public Builder clock(SimClock value) {
      this.clock = java.util.Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder host(String value) {
      this.host = java.util.Objects.requireNonNull(value, "host");
      return this;
    }

    /** How long a silent connection stays open, in real time. */
    public Builder idleTimeout(Duration value) {
      if (!value.isPositive()) {
        throw new IllegalArgumentException("idle timeout must be positive, was " + value);
      }
      this.idleTimeout = value;
      return this;
    }

    /** The prefix of the server's thread names, to tell several simulators apart; "simulator" by default. */
    public Builder threadName(String value) {
      if (value.isBlank()) {
        throw new IllegalArgumentException("thread name must not be blank");
      }
      this.threadName = value;
      return this;
    }

    /** Starts the server; it is listening when this returns. */
    public Simulator start() {
      try {
        return new Simulator(this);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("simulator failed to start on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }
  }
}

package io.sluice.bench.stack;

import java.net.URI;

/**
 * What every candidate proxy shares: its arguments and the upstream credential.
 *
 * <p>Each candidate is {@code main(listenPort, upstreamBaseUrl)}. It accepts a POST on any path,
 * forwards the body to {@code upstreamBaseUrl + path} with {@code Authorization: Bearer KEY}
 * (KEY from {@code SLUICE_UPSTREAM_KEY}, else the simulator's bench key), {@code Content-Type} and
 * {@code Accept} copied from the client, and relays status, {@code Content-Type},
 * {@code Content-Length} (when the upstream sent one) and the body, writing and flushing each piece
 * as it arrives. If writing to the client fails, the upstream exchange is aborted.
 */
final class Proxy {
  static final String UPSTREAM_KEY = System.getenv().getOrDefault("SLUICE_UPSTREAM_KEY",
      "sk-or-v1-sim-bench-6666666666666666666666666666666666666666666666666666");
  static final String AUTHORIZATION = "Bearer " + UPSTREAM_KEY;
  /** Size of the buffer one upstream read lands in; SSE events are far smaller. */
  static final int BUFFER = 8192;

  final int port;
  final URI upstream;

  private Proxy(int port, URI upstream) {
    this.port = port;
    this.upstream = upstream;
  }

  static Proxy parse(String name, String[] args) {
    if (args.length != 2) {
      System.err.println("usage: " + name + " LISTEN_PORT UPSTREAM_BASE_URL   (e.g. 18790 http://127.0.0.1:18788)");
      System.exit(2);
    }
    String base = args[1].endsWith("/") ? args[1].substring(0, args[1].length() - 1) : args[1];
    return new Proxy(Integer.parseInt(args[0]), URI.create(base));
  }

  /** Printed once, from the first request, so the run log shows which kind of thread handles requests. */
  private static volatile boolean threadReported;

  static void reportThreadOnce(String name) {
    if (!threadReported) {
      threadReported = true;
      Thread t = Thread.currentThread();
      System.err.println(name + ": first request handled on " + (t.isVirtual() ? "a virtual" : "a platform")
          + " thread (" + t + ")");
    }
  }

  static void ready(String name, Proxy p) {
    System.err.println(name + " listening on 127.0.0.1:" + p.port + " -> " + p.upstream + " (java "
        + Runtime.version() + ")");
  }
}

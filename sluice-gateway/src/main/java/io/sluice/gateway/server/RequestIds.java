package io.sluice.gateway.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Request ids unique across restarts and replicas: a random prefix per process and a counter. */
final class RequestIds {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  RequestIds() {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    prefix = "req-" + HexFormat.of().formatHex(random) + "-";
  }

  String next() {
    return prefix + Long.toString(counter.incrementAndGet(), 36);
  }
}

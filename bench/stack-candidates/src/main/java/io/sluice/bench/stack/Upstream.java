package io.sluice.bench.stack;

import java.io.IOException;
import java.io.InputStream;

/** A blocking HTTP client as the Jetty front end sees it: one call per proxied request. */
interface Upstream {

  /** Sends the request and returns once the upstream's status and headers are in. */
  Exchange open(String pathQuery, String contentType, String accept, byte[] body) throws Exception;

  /** One upstream response whose body is read as it arrives. */
  interface Exchange extends AutoCloseable {
    int status();

    String contentType();

    /** -1 when the upstream sent none (chunked). */
    long contentLength();

    /** Returns what has arrived so far, blocking only while nothing has. */
    InputStream body();

    /** Gives up on the exchange: the upstream request is cancelled and its connection not reused. */
    void abort();

    @Override
    void close() throws IOException;
  }
}

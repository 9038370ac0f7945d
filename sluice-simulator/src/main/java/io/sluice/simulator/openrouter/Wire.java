package io.sluice.simulator.openrouter;

import java.io.IOException;

/**
 * One HTTP exchange as the simulator sees it. Keeps the OpenRouter behaviour apart from the
 * HTTP server: writes block until the bytes are handed to the network, and faults can drop the
 * connection the way a broken upstream would.
 */
interface Wire {

  String header(String name);

  /**
   * The body, at most {@code maxBytes}; throws {@link TooLarge} beyond that, {@link Unreadable}
   * when it breaks off or is badly framed.
   */
  byte[] readBody(int maxBytes) throws IOException;

  void status(int status);

  void header(String name, String value);

  /** Writes and flushes; the first write commits status and headers. */
  void write(byte[] bytes) throws IOException;

  /** Writes the whole remaining body and ends the response. */
  void finish(byte[] body);

  /** Ends the response normally (a stream's terminating chunk). */
  void finish();

  /**
   * Drops the connection without ending the response: with a TCP reset when {@code reset},
   * else a plain close.
   */
  void abort(boolean reset);

  /**
   * Interrupts the calling thread once the client closes the connection; for a response parked
   * until the client leaves, which writes nothing that would notice it.
   */
  void interruptWhenClientLeaves();

  /** The request body is larger than allowed. */
  final class TooLarge extends IOException {
    TooLarge() {
      super("request body too large", null);
    }
  }

  /** The request body ended early or was badly framed: the client's fault, not the simulator's. */
  final class Unreadable extends IOException {
    Unreadable(IOException cause) {
      super("the request body could not be read (" + cause.getMessage() + ")", cause);
    }
  }
}

package io.sluice.simulator.openrouter;

import java.io.IOException;

/**
 * A {@link Wire} that holds back the end of the response (its last bytes, or the dropped
 * connection) until {@link #release()}, so a request is charged and recorded before its client
 * can see it finish and ask {@code /api/v1/key} or {@code /api/v1/generation} about it.
 */
final class HeldEnd implements Wire {

  private final Wire wire;
  private Runnable end;

  HeldEnd(Wire wire) {
    this.wire = wire;
  }

  @Override
  public String header(String name) {
    return wire.header(name);
  }

  @Override
  public byte[] readBody(int maxBytes) throws IOException {
    return wire.readBody(maxBytes);
  }

  @Override
  public void status(int status) {
    wire.status(status);
  }

  @Override
  public void header(String name, String value) {
    wire.header(name, value);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    wire.write(bytes);
  }

  @Override
  public void interruptWhenClientLeaves() {
    wire.interruptWhenClientLeaves();
  }

  @Override
  public void finish(byte[] body) {
    hold(() -> wire.finish(body));
  }

  @Override
  public void finish() {
    hold(wire::finish);
  }

  @Override
  public void abort(boolean reset) {
    hold(() -> wire.abort(reset));
  }

  /** Ends the response the way delivery asked, if it did. */
  void release() {
    if (end != null) {
      Runnable held = end;
      end = null;
      held.run();
    }
  }

  private void hold(Runnable action) {
    if (end == null) {
      end = action;
    }
  }
}

package io.sluice.gateway.upstream;

/** One upstream attempt in flight. Call its methods from the event loop that started it. */
public interface Attempt {

  /** Abandons the attempt: its connection is closed (so the upstream stops work) and its listener hears nothing more. */
  void cancel();

  /** Stops or resumes reading the response, for when the client cannot keep up. */
  void setReading(boolean reading);
}

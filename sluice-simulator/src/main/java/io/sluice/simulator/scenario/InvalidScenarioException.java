package io.sluice.simulator.scenario;

/** A scenario or fault that cannot be used; the message says where and why. */
public final class InvalidScenarioException extends RuntimeException {

  InvalidScenarioException(String message) {
    super(message);
  }

  InvalidScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}

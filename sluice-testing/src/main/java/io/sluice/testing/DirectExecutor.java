package io.sluice.testing;

import java.util.concurrent.Executor;

/** Runs each task on the calling thread, so asynchronous code becomes sequential in tests. */
public enum DirectExecutor implements Executor {
  INSTANCE;

  @Override
  public void execute(Runnable command) {
    command.run();
  }
}

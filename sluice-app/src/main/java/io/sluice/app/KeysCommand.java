package io.sluice.app;

import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.GeneratedKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Make client keys.",
    subcommands = KeysCommand.New.class)
final class KeysCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Print a new client key once, and the key-hash line the configuration stores instead of it.")
  static final class New implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      GeneratedKey key = new ClientKeyGenerator().generate();
      PrintWriter out = spec.commandLine().getOut();
      out.println("Key (shown only now; give it to the client): " + key.key());
      out.println("For its entry under client-keys:  " + key.configLine());
      out.flush();
      return 0;
    }
  }
}

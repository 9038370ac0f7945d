package io.sluice.app;

import io.sluice.gateway.Gateway;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.GatewayConfigs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway with a configuration file (see config/sluice.example.yaml).")
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, description = "The YAML configuration file.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig loaded = GatewayConfigs.load(config);
    if (loaded.clientKeys().isEmpty()) {
      throw new IllegalArgumentException(config + ": client-keys is empty, so every request would be refused;"
          + " make a key with `sluice keys new` and add it");
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Gateway gateway = Gateway.start(loaded)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf("Sluice gateway listening: OpenAI clients use %s, OpenRouter clients %s%n",
          gateway.openAiBaseUri(), gateway.openRouterBaseUri());
      out.printf("Upstream %s; %d client keys, %d routes. Ctrl-C to stop.%n", loaded.upstream().baseUrl(),
          loaded.clientKeys().size(), loaded.routes().size());
      out.flush();
      stopped.await();
    }
    return 0;
  }
}

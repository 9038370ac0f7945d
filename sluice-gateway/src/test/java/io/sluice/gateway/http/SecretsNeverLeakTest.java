package io.sluice.gateway.http;

import static io.sluice.gateway.http.Scenario.MODEL;
import static io.sluice.gateway.http.Scenario.chat;
import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.gateway.config.UpstreamTimeouts;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The upstream key and the clients' keys appear in no log line (at any level) and no response
 * body, on the happy path and on every failure path the gateway has.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecretsNeverLeakTest {

  @RegisterExtension
  static final SimulatorExtension SIM = Scenario.simulator("secrets");

  @Test
  void noKeyReachesALogLineOrAResponse() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.TRACE);
    List<Reply> replies = new ArrayList<>();
    try {
      exerciseEveryPath(replies);
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }

    List<String> lines = logs.list.stream().map(SecretsNeverLeakTest::render).toList();
    assertThat(lines).as("the gateway logged what it did").anyMatch(l -> l.contains("key=test-app"));
    for (String secret : List.of(Scenario.UPSTREAM_KEY, CLIENT_KEY, TestGateway.MASTER_KEY, "sk-sluice-wrong-key-000000000000000000000000000000000000000")) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
      assertThat(replies).noneMatch(reply -> reply.body().contains(secret) || reply.headers().map().toString().contains(secret));
    }
  }

  private static void exerciseEveryPath(List<Reply> replies) throws Exception {
    var config = TestGateway.config(SIM.simulator().apiBase(), Scenario.UPSTREAM_KEY, Scenario.ROUTES);
    config = config.withUpstream(config.upstream().withTimeouts(
        new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3))));
    try (TestGateway gateway = TestGateway.start(config)) {
      String path = "/api/v1/chat/completions";
      replies.add(gateway.http.post(path, CLIENT_KEY, chat(MODEL, false)));
      replies.add(gateway.http.post(path, CLIENT_KEY, chat(MODEL, true)));
      replies.add(gateway.http.post(path, CLIENT_KEY, chat("drafting", true)));
      replies.add(gateway.http.post(path, "sk-sluice-wrong-key-000000000000000000000000000000000000000", chat(MODEL, false)));
      replies.add(gateway.http.post(path, CLIENT_KEY, "{not json"));
      replies.add(gateway.http.get("/api/v1/models", CLIENT_KEY));
      replies.add(gateway.http.get("/api/v1/key", CLIENT_KEY));
      replies.add(gateway.http.get("/admin/keys", TestGateway.MASTER_KEY));
      for (String fault : List.of("{type: reset-before-headers}", "{type: reset-mid-body, stream: true}",
          "{type: malformed-json}", "{type: error-in-body}", "{type: mid-stream-error, stream: true}")) {
        SIM.simulator().clearFaults();
        SIM.simulator().injectFault(Scenarios.parseFault(fault));
        boolean stream = fault.contains("stream: true");
        replies.add(gateway.http.post(path, CLIENT_KEY, chat(MODEL, stream)));
      }
      SIM.simulator().clearFaults();
      SIM.simulator().injectFault(Scenarios.parseFault("{type: hang}"));
      var hung = gateway.http.postAsync(path, CLIENT_KEY, chat(MODEL, false));
      TimeoutsAndCancellationTest.eventually(() -> SIM.simulator().requestsInProgress() == 1);
      gateway.timers.advance(Duration.ofSeconds(2));
      replies.add(hung.get());
    }
    try (TestGateway unreachable = TestGateway.start(TestGateway.config(closedPort(), Scenario.UPSTREAM_KEY, Map.of()))) {
      replies.add(unreachable.http.post("/v1/chat/completions", CLIENT_KEY, chat(MODEL, false)));
      replies.add(unreachable.http.get("/v1/models", CLIENT_KEY));
    }
    assertThat(replies).extracting(Reply::status).contains(200, 401, 400, 502, 504);
  }

  private static URI closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/v1");
    }
  }

  private static String render(ILoggingEvent event) {
    String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
    return event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap() + " " + thrown;
  }
}

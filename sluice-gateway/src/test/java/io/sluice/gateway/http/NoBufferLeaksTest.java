package io.sluice.gateway.http;

import static io.sluice.gateway.http.Scenario.MODEL;
import static io.sluice.gateway.http.Scenario.chat;
import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.ResourceLeakDetector;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.SimulatorExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Every buffer the gateway allocates is released, on every path: Netty's leak detector, at its
 * paranoid level, tracks each one and reports any that is garbage-collected unreleased.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NoBufferLeaksTest {

  @RegisterExtension
  static final SimulatorExtension SIM = Scenario.simulator("leaks");

  @Test
  void noPathLeaksABuffer() throws Exception {
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    ListAppender<ILoggingEvent> reports = new ListAppender<>();
    reports.start();
    detector.addAppender(reports);
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    try (TestGateway gateway = TestGateway.start(
        TestGateway.config(SIM.simulator().apiBase(), Scenario.UPSTREAM_KEY, Scenario.ROUTES))) {
      for (int round = 0; round < 3; round++) {
        drive(gateway);
        System.gc();
        Thread.sleep(100); // let the collector enqueue what it found; the detector reports on later allocations
      }
    } finally {
      ResourceLeakDetector.setLevel(before);
      detector.detachAppender(reports);
    }
    assertThat(reports.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("LEAK"));
  }

  private static void drive(TestGateway gateway) {
    String path = "/api/v1/chat/completions";
    for (String fault : List.of("", "{type: reset-before-headers}", "{type: reset-mid-body, stream: true}",
        "{type: truncated-body, stream: true}", "{type: malformed-json}", "{type: error-in-body}",
        "{type: mid-stream-error, stream: true}", "{type: rate-limit}")) {
      SIM.simulator().clearFaults();
      if (!fault.isEmpty()) {
        SIM.simulator().injectFault(Scenarios.parseFault(fault));
      }
      gateway.http.post(path, CLIENT_KEY, chat(MODEL, false));
      gateway.http.post(path, CLIENT_KEY, chat(MODEL, true));
      gateway.http.post(path, CLIENT_KEY, chat("drafting", true));
    }
    SIM.simulator().clearFaults();
    gateway.http.post(path, CLIENT_KEY, "{broken");
    gateway.http.post(path, "sk-sluice-nobody-000000000000000000000000000000000000000000", chat(MODEL, false));
    gateway.http.get("/v1/models", CLIENT_KEY);
    gateway.http.get("/nope", CLIENT_KEY);
  }
}

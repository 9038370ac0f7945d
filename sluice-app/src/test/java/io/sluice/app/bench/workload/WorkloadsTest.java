package io.sluice.app.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsTest {

  private static final String MINIMAL = """
      name: mine
      scenario: outage
      duration: 2m
      requests: 10
      interactive: {clients: 2, deadline: 20s}
      batch: {deadline: 1m}
      prompt-tokens: {min: 10, max: 20}
      completion-tokens: {min: 16, max: 32}
      models:
        - model: qwen/qwen-2.5-72b-instruct
          fallbacks: [mistralai/mistral-small-3.1-24b-instruct]
      """;

  @Test
  void everyBuiltInWorkloadLoadsAndNamesItsScenario() {
    for (String name : Workloads.PRESETS) {
      Workload w = Workloads.preset(name);
      assertThat(w.name()).isEqualTo(name);
      assertThat(w.scenario()).isEqualTo(name);
    }
  }

  @Test
  void aMinimalFileGetsItsDefaults() {
    Workload w = Workloads.parse(MINIMAL, "test");

    assertThat(w.arrival()).isEqualTo(Arrival.STEADY);
    assertThat(w.interactiveShare()).isEqualTo(0.5);
    assertThat(w.batch().clients()).isEqualTo(1);
    assertThat(w.seed()).isEqualTo(1L);
    assertThat(w.timeScale()).isNull();
    assertThat(w.models().getFirst().chain())
        .containsExactly("qwen/qwen-2.5-72b-instruct", "mistralai/mistral-small-3.1-24b-instruct");
    assertThat(w.longestDeadline()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() {
    assertThatThrownBy(() -> Workloads.parse(MINIMAL + "burst: yes\n", "mine.yaml"))
        .hasMessageContaining("mine.yaml").hasMessageContaining("unknown field 'burst'").hasMessageContaining("line");
  }

  @Test
  void aBadValueIsNamed() {
    assertThatThrownBy(() -> Workloads.parse(MINIMAL.replace("requests: 10", "requests: 0"), "w"))
        .hasMessageContaining("requests must be between 1 and 100000, was 0");
    assertThatThrownBy(() -> Workloads.parse(MINIMAL + "arrival: {pattern: waves}\n", "w"))
        .hasMessageContaining("arrival.pattern must be steady or bursts, was 'waves'");
    assertThatThrownBy(() -> Workloads.parse(MINIMAL.replace("deadline: 20s", "deadline: soon"), "w"))
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void aFilesRelativeScenarioIsReadBesideIt(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("w.yaml");
    Files.writeString(file, MINIMAL.replace("scenario: outage", "scenario: my-scenario.yaml"));

    Workload w = Workloads.load(file.toString());

    assertThat(Path.of(w.scenario())).isEqualTo(folder.toAbsolutePath().resolve("my-scenario.yaml"));
    assertThat(Workloads.load(file.toString()).name()).isEqualTo("mine");
  }

  @Test
  void anUnknownNameSaysWhatWouldDo() {
    assertThatThrownBy(() -> Workloads.load("no-such-workload"))
        .hasMessageContaining("no workload 'no-such-workload'").hasMessageContaining("free-tier");
  }
}

package io.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SluiceCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Sluice.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void demoRunsAWorkloadAndPrintsATablePerKey() {
    int exit = run("demo", "--duration", "1s", "--clients", "2", "--port", "0", "--exit");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("simulated OpenRouter 'mixed'")
        .contains("alpha")
        .contains("beta")
        .containsPattern("Of \\d+ upstream attempts, \\d+ succeeded");
  }

  @Test
  void anUnknownScenarioIsAClearErrorNotAStackTrace() {
    int exit = run("simulator", "--scenario", "no-such-scenario", "--port", "0");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no scenario 'no-such-scenario'").doesNotContain("\tat ");
  }

  @Test
  void aBadDurationNamesTheAcceptedForms() {
    int exit = run("demo", "--duration", "soon", "--port", "0", "--exit");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void withoutASubcommandItPrintsUsage() {
    assertThat(run()).isZero();
    assertThat(out.toString()).contains("demo").contains("simulator");
  }
}

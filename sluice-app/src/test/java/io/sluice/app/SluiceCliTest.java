package io.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
  void demoRunsAWorkloadThroughTheGatewayAndAccountsForEveryRequest() {
    int exit = run("demo", "--duration", "1s", "--clients", "2", "--port", "0", "--simulator-port", "0", "--exit");

    assertThat(exit).isZero();
    String printed = out.toString();
    assertThat(printed)
        .containsPattern("the gateway at http://127\\.0\\.0\\.1:\\d+/api/v1 in front of a simulated OpenRouter \\('mixed'")
        .contains("forwards with one OpenRouter key (alpha)");
    Matcher requests = Pattern.compile("Of (\\d+) requests the clients sent, (\\d+) succeeded").matcher(printed);
    Matcher attempts = Pattern.compile("The upstream saw (\\d+) attempts and refused (\\d+)").matcher(printed);
    Matcher upstream = Pattern.compile("\\nalpha +(\\d+) +(\\d+) ").matcher(printed);
    assertThat(requests.find()).as(printed).isTrue();
    assertThat(upstream.find()).as(printed).isTrue();
    assertThat(attempts.find()).as(printed).isTrue();
    // Every success the clients saw is one the upstream served; the summary adds up what the table shows.
    assertThat(upstream.group(2)).isEqualTo(requests.group(2));
    assertThat(attempts.group(1)).isEqualTo(upstream.group(1));
    assertThat(Long.parseLong(requests.group(1))).isPositive();
    assertThat(Long.parseLong(upstream.group(1))).isLessThanOrEqualTo(Long.parseLong(requests.group(1)));
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
  void benchRunsAWorkloadFileAndWritesItsTableBesideTheRecords(@TempDir Path folder) throws Exception {
    int exit = run("bench", "src/test/resources/bench/smoke.yaml", "--out", folder.toString(), "--no-charts", "--csv",
        "--strategies", "naive,sluice");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("| | naive | sluice |").contains("Written to");
    assertThat(Files.readString(folder.resolve("smoke.md"))).contains("### smoke").contains("| | naive | sluice |");
    assertThat(Files.readAllLines(folder.resolve("smoke-records.csv"))).hasSize(1 + 2 * 40);
  }

  @Test
  void benchNamesTheWorkloadsAndStrategiesThereAre() {
    assertThat(run("bench", "no-such-workload")).isEqualTo(1);
    assertThat(err.toString()).contains("no workload 'no-such-workload'").contains("free-tier").doesNotContain("\tat ");

    assertThat(run("bench", "outage", "--strategies", "naive,hopeful")).isEqualTo(1);
    assertThat(err.toString()).contains("no strategy 'hopeful'; there are [naive, backoff, fallback, sluice]");
  }

  @Test
  void withoutASubcommandItPrintsUsage() {
    assertThat(run()).isZero();
    assertThat(out.toString()).contains("demo").contains("simulator").contains("bench");
  }
}

package io.sluice.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads scenarios from YAML: the built-in presets by name, or any file. A mistake in a file is
 * reported with its location and the field that is wrong.
 */
public final class Scenarios {

  /** The presets shipped inside the simulator. */
  public static final List<String> PRESETS = List.of("free-tier", "paid-turbulence", "outage", "mixed", "zero-latency");

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private Scenarios() {}

  /** A preset by name, or else a YAML file at that path. */
  public static Scenario load(String presetOrPath) {
    if (PRESETS.contains(presetOrPath)) {
      return preset(presetOrPath);
    }
    Path path = Path.of(presetOrPath);
    if (!Files.isRegularFile(path)) {
      throw new InvalidScenarioException("no scenario '" + presetOrPath + "': it is neither a preset "
          + PRESETS + " nor a readable file");
    }
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + path, e);
    }
  }

  /** One of {@link #PRESETS}. */
  public static Scenario preset(String name) {
    try (InputStream in = Scenarios.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
      if (in == null) {
        throw new InvalidScenarioException("no preset scenario named '" + name + "'; presets: " + PRESETS);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset " + name, e);
    }
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static Scenario parse(String yaml, String source) {
    Scenario scenario = StrictYaml.read(yaml, Scenario.class, source, "YAML", InvalidScenarioException::new);
    if (scenario == null) {
      throw new InvalidScenarioException(source + ": the scenario is empty");
    }
    return scenario;
  }

  /** Parses one fault given as JSON or YAML (the body of {@code POST /sim/faults}). */
  public static FaultSpec parseFault(String text) {
    FaultSpec fault = StrictYaml.read(text, FaultSpec.class, "fault", "JSON or YAML", InvalidScenarioException::new);
    if (fault == null) {
      throw new InvalidScenarioException("the fault is empty");
    }
    return fault;
  }

  /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
  public static Duration parseDuration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(trimmed);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double unitNanos = switch (m.group(2)) {
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        case "h" -> 3600e9;
        default -> 86400e9;
      };
      return Duration.ofNanos((long) (amount * unitNanos));
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (use 250ms, 30s, 5m, 2h, 1d or PT30S)");
    }
  }
}

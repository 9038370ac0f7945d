package io.sluice.app.bench.workload;

import io.sluice.simulator.scenario.Scenarios;
import io.sluice.simulator.scenario.StrictYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads workloads from YAML: the built-in ones by name (one per simulator scenario it exercises),
 * or any file. A mistake is reported with the field and, where YAML tells it, the line.
 */
public final class Workloads {

  /** The workloads shipped with Sluice, in the order {@code bench all} runs them. */
  public static final List<String> PRESETS = List.of("free-tier", "paid-turbulence", "outage", "mixed");

  private Workloads() {}

  /**
   * A built-in workload by name, or else a YAML file at that path. A file's {@code scenario} that
   * is neither a preset nor an absolute path is read relative to the file's folder.
   */
  public static Workload load(String presetOrPath) {
    if (PRESETS.contains(presetOrPath)) {
      return preset(presetOrPath);
    }
    Path path = Path.of(presetOrPath);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no workload '" + presetOrPath + "': it is neither one of "
          + PRESETS + " (or all) nor a readable file");
    }
    try {
      Workload workload = parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
      return withScenarioBesides(workload, path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read workload " + path, e);
    }
  }

  /** One of {@link #PRESETS}. */
  public static Workload preset(String name) {
    try (InputStream in = Workloads.class.getResourceAsStream("/bench/workloads/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in workload named '" + name + "'; there are " + PRESETS);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "workload " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in workload " + name, e);
    }
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static Workload parse(String yaml, String source) {
    Workload workload = StrictYaml.read(yaml, Workload.class, source, "YAML", IllegalArgumentException::new);
    if (workload == null) {
      throw new IllegalArgumentException(source + ": the workload is empty");
    }
    return workload;
  }

  private static Workload withScenarioBesides(Workload w, Path file) {
    if (Scenarios.PRESETS.contains(w.scenario()) || Path.of(w.scenario()).isAbsolute()) {
      return w;
    }
    Path folder = file.toAbsolutePath().getParent();
    return new Workload(w.name(), w.description(), folder.resolve(w.scenario()).toString(), w.timeScale(), w.seed(),
        w.duration(), w.requests(), w.arrival(), w.interactiveShare(), w.interactive(), w.batch(), w.promptTokens(),
        w.completionTokens(), w.models());
  }
}

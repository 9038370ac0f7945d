package io.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./sluice script finds a JDK 21+ on its own, or says what to install. */
class EntryScriptTest {

  private static final Path SCRIPT = Path.of("..", "sluice").toAbsolutePath().normalize();
  private static final String THIS_JDK = System.getProperty("java.home");

  @Test
  void ignoresAnOldJavaHomeAndFindsANewerJdkInTheUsualPlaces() throws Exception {
    Path jvmDir = Path.of(THIS_JDK).getParent();
    Result result = run(Map.of("JAVA_HOME", "/usr/lib/jvm/no-such-jdk", "PATH", "/usr/bin:/bin",
        "SLUICE_JDK_DIRS", jvmDir + "/*"));

    assertThat(result.exit()).isZero();
    assertThat(Path.of(result.out().strip()).toRealPath()).isEqualTo(Path.of(THIS_JDK).toRealPath());
  }

  @Test
  void saysWhatToInstallWhenNoJdkIsNewEnough(@TempDir Path empty) throws Exception {
    Path binDir = Files.createDirectories(empty.resolve("bin"));
    Result result = run(Map.of("JAVA_HOME", empty.toString(), "PATH", binDir + ":/bin",
        "SLUICE_JDK_DIRS", empty + "/nothing*"));

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("no JDK 21 or newer was found").contains("apt-get install openjdk-21-jdk-headless");
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of("bash", SCRIPT.toString(), "java-home"));
    builder.environment().clear();
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), out, err);
  }
}

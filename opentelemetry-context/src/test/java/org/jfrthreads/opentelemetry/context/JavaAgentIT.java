package org.jfrthreads.opentelemetry.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the wrapper sees under the OpenTelemetry Java agent, in a child JVM running {@link
 * JavaAgentApp}. Installed by the application, it sees the scopes the application makes current
 * through the API (the agent applies the application's wrappers to its bridge) but not those its
 * instrumentation makes current in the agent's own, renamed, copy of the context. Loaded as an
 * agent extension, it sees both. When an agent release changes that, this fails, and the README's
 * paragraph on the agent must change with it.
 */
class JavaAgentIT {

  @TempDir Path directory;

  @Test
  void installedByTheApplicationItSeesOnlyTheApplicationsScopes() throws Exception {
    AppRun run = run(List.of(), List.of());

    assertThat(run.printed).contains("install true");
    String[] api = run.spans.get("api");
    assertThat(run.events)
        .as(run.printed)
        .singleElement()
        .satisfies(e -> assertThat(e).containsExactly("event", api[1], api[2], api[3]));
  }

  @Test
  void loadedAsAgentExtensionItSeesTheInstrumentationsScopesToo() throws Exception {
    Path extension = Path.of(System.getProperty("jfrthreads.javaagentExtension"));
    assertThat(extension).exists();
    AppRun run = run(List.of("-Dotel.javaagent.extensions=" + extension), List.of("--no-install"));

    assertThat(run.printed).contains("install skipped");
    // Each span gives an event with its ids on the thread it was current on; the HTTP client's
    // own span, current on the main thread while it sends, gives one more.
    for (String name : List.of("api", "executor", "withspan", "server")) {
      String[] span = run.spans.get(name);
      assertThat(run.events)
          .as(name + "\n" + run.printed)
          .anySatisfy(e -> assertThat(e).containsExactly("event", span[1], span[2], span[3]));
    }
    assertThat(run.events).as(run.printed).hasSizeGreaterThanOrEqualTo(4);
  }

  /** What the application printed: its spans by name and its events, as words of a line. */
  private record AppRun(String printed, Map<String, String[]> spans, List<String[]> events) {}

  private AppRun run(List<String> jvmOptions, List<String> appArgs) throws Exception {
    Path agent = Path.of(System.getProperty("jfrthreads.javaagent"));
    assertThat(agent).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agent);
    command.addAll(
        List.of(
            "-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(JavaAgentApp.class.getName());
    command.add(directory.resolve("scopes.jfr").toString());
    command.addAll(appArgs);
    Path output = Files.createTempFile(directory, "app", ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(exited).as(printed).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();

    Map<String, String[]> spans = new HashMap<>();
    List<String[]> events = new ArrayList<>();
    for (String line : printed.lines().toList()) {
      String[] words = line.split(" ");
      if (words.length == 4 && words[0].equals("event")) {
        events.add(words);
      } else if (words.length == 4) {
        spans.put(words[0], words);
      }
    }
    assertThat(spans).as(printed).containsKeys("api", "executor", "withspan", "server");
    // Every span was made and current where the application could read its ids.
    spans.values().forEach(s -> assertThat(s[1]).as(printed).isNotEqualTo("0".repeat(32)));
    assertThat(spans.get("executor")[2]).as(printed).isEqualTo(spans.get("api")[2]);
    return new AppRun(printed, spans, events);
  }
}

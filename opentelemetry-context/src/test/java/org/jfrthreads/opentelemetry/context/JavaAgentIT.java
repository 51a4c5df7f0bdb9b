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
 * What an application's wrapper sees under the OpenTelemetry Java agent: the agent applies wrappers
 * added through the application's API to its bridge, so scopes the application makes current
 * through the API give events; scopes its instrumentation makes current in its own (shaded) context
 * do not. When an agent release changes that, this fails and the README's paragraph on the agent
 * must change with it.
 */
class JavaAgentIT {

  @TempDir Path directory;

  @Test
  void applicationScopesGiveEventsInstrumentationScopesDoNot() throws Exception {
    Path agent = Path.of(System.getProperty("jfrthreads.javaagent"));
    assertThat(agent).exists();
    Path output = directory.resolve("app.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent,
                "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                "-cp",
                System.getProperty("java.class.path"),
                JavaAgentApp.class.getName(),
                directory.resolve("scopes.jfr").toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Process process = builder.start();
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
    assertThat(printed).contains("install true");
    assertThat(spans).as(printed).containsKeys("api", "executor", "withspan", "server");
    // Every span was made and current, with ids the application could read...
    spans.values().forEach(s -> assertThat(s[1]).as(printed).isNotEqualTo("0".repeat(32)));
    assertThat(spans.get("executor")[2]).isEqualTo(spans.get("api")[2]);
    // ...but only the application's own makeCurrent() went through the wrapper.
    String[] api = spans.get("api");
    assertThat(events)
        .as(printed)
        .singleElement()
        .satisfies(e -> assertThat(e).containsExactly("event", api[1], api[2], api[3]));
  }
}

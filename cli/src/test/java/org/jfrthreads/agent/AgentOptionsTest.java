package org.jfrthreads.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentOptionsTest {

  @Test
  void noOptionsServeOnAllInterfacesOnPort9400WithTheDefaults() {
    for (String none : new String[] {null, "", " "}) {
      AgentOptions options = AgentOptions.parse(none);

      assertThat(options.host()).isEqualTo("0.0.0.0");
      assertThat(options.port()).isEqualTo(9400);
      assertThat(options.eventSettings().toJfrSettings())
          .isEqualTo(ThreadEventSettings.defaults().toJfrSettings());
      assertThat(options.logLevel()).isEqualTo("warn");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "9401, 0.0.0.0, 9401",
    "127.0.0.1:9401, 127.0.0.1, 9401",
    "[::1]:9401, ::1, 9401",
    "localhost:0, localhost, 0",
  })
  void theAddressFollowsTheJmxExporterAgent(String argument, String host, int port) {
    AgentOptions options = AgentOptions.parse(argument);

    assertThat(options.host()).isEqualTo(host);
    assertThat(options.port()).isEqualTo(port);
  }

  @Test
  void settingsFollowTheAddressSeparatedByCommas() {
    AgentOptions options =
        AgentOptions.parse(
            "9401,threshold=5ms,threshold.park=20ms,threshold.pinned=500us,"
                + "virtualThreadLifecycle=false,stackDepth=8,topN=5,maxSeries=50,"
                + "maxTrackedThreads=1000,window=2m,windowSlices=4,libraryPackages=io.netty.:org.acme.,"
                + "logLevel=INFO");

    ThreadEventSettings events = options.eventSettings();
    assertThat(events.threshold(BlockingKind.MONITOR_ENTER)).isEqualTo(Duration.ofMillis(5));
    assertThat(events.threshold(BlockingKind.PARK)).isEqualTo(Duration.ofMillis(20));
    assertThat(events.pinnedThreshold()).isEqualTo(Duration.ofNanos(500_000));
    assertThat(events.virtualThreadLifecycle()).isFalse();
    assertThat(events.stackDepth()).isEqualTo(8);
    AnalyzerConfig config = options.analyzerConfig();
    assertThat(
            List.of(
                config.topN(),
                config.maxSeries(),
                config.maxTrackedThreads(),
                config.windowSlices()))
        .containsExactly(5, 50, 1000, 4);
    assertThat(config.window()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.libraryPackages()).endsWith("io.netty.", "org.acme.");
    assertThat(options.logLevel()).isEqualTo("info");
  }

  @Test
  void samplerSettingsAreTheAgents() {
    AgentOptions defaults = AgentOptions.parse("9400");
    AgentOptions options =
        AgentOptions.parse(
            "9400,stateSampling=false,stateSamplerInterval=30s,virtualThreadDump=1m,"
                + "virtualThreadDumpMaxLive=500");

    assertThat(defaults.sampling()).isEqualTo(AgentOptions.Sampling.DEFAULTS);
    assertThat(options.sampling())
        .isEqualTo(
            new AgentOptions.Sampling(false, Duration.ofSeconds(30), Duration.ofMinutes(1), 500));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> AgentOptions.parseSettings("0.0.0.0", 9400, List.of("stateSampling=false")))
        .withMessage(
            "stateSampling=false: a setting of the agent only; the sidecar follows the other JVM"
                + " through JFR alone.");
  }

  @Test
  void settingsMayComeWithoutAnAddress() {
    AgentOptions options = AgentOptions.parse("threshold.sleep=1.5s");

    assertThat(options.port()).isEqualTo(9400);
    assertThat(options.eventSettings().threshold(BlockingKind.SLEEP))
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aConfigFileGivesAddressAndSettingsAndInlineOptionsWinOverIt(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("jfr-threads.properties");
    Files.writeString(file, "host=127.0.0.1\nport=9402\nthreshold.park=30ms\ntopN=7\n");

    AgentOptions fileOnly = AgentOptions.parse(file.toString());
    AgentOptions withPort = AgentOptions.parse("9403:" + file + ",topN=9");

    assertThat(fileOnly.host()).isEqualTo("127.0.0.1");
    assertThat(fileOnly.port()).isEqualTo(9402);
    assertThat(fileOnly.eventSettings().threshold(BlockingKind.PARK))
        .isEqualTo(Duration.ofMillis(30));
    assertThat(fileOnly.analyzerConfig().topN()).isEqualTo(7);
    assertThat(withPort.host()).isEqualTo("127.0.0.1");
    assertThat(withPort.port()).isEqualTo(9403);
    assertThat(withPort.analyzerConfig().topN()).isEqualTo(9);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "threshold.prak=20ms | threshold.prak=20ms: unknown option. Expecting [host:]port[:file]"
            + " first",
        "9400,threshold.park=20 | threshold.park=20: illegal duration. Expecting a number and a"
            + " unit",
        "9400,threshold.park=-1ms | threshold.park=-1ms: illegal duration.",
        "9400,virtualThreadLifecycle=yes | virtualThreadLifecycle=yes: illegal value. Expecting"
            + " true or false.",
        "9400,topN=5000 | topN=5000: illegal topN. Expecting 1 to 1000.",
        "9400,topN=50,maxSeries=10 | maxSeries=10: illegal maxSeries. Expecting at least topN"
            + " (50).",
        "9400,stackDepth=many | stackDepth=many: illegal value. Expecting a whole number.",
        "9400,logLevel=loud | logLevel=loud: illegal log level.",
        "99999 | 99999: illegal port. Expecting 0 (any free port) to 65535.",
        "localhost:http | localhost:http: illegal address. Expecting [host:]port[:file] or a file",
        "9400,,topN=5 | \"9400,,topN=5\": empty option between commas.",
        "9400,verbose | verbose: not a setting. Expecting KEY=VALUE after the address",
        "no-such.properties | no-such.properties: cannot read the configuration file",
        "stateSamplerInterval=100ms | stateSamplerInterval=100ms: illegal sampler interval."
            + " Expecting 1 s to 1 h.",
        "virtualThreadDump=0 | virtualThreadDump=0: illegal interval. Expecting more than 0.",
        "virtualThreadDumpMaxLive=0 | virtualThreadDumpMaxLive=0: illegal maxLive. Expecting 1 or"
            + " more.",
      })
  void aBadOptionIsRejectedWithAMessageThatLeadsWithIt(String argument, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse(argument))
        .withMessageStartingWith(message);
  }

  @Test
  void anUnknownKeyInTheConfigFileNamesTheFile(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("bad.properties");
    Files.writeString(file, "treshold=20ms\n");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse(file.toString()))
        .withMessageStartingWith("treshold (in " + file + "): unknown setting.");
  }

  @Test
  void aRelativeConfigFileIsMadeAbsoluteForAnotherJvm() {
    String absolute = Path.of("conf.properties").toAbsolutePath().toString();

    assertThat(AgentOptions.withAbsoluteConfigFile("127.0.0.1:9400:conf.properties,topN=5"))
        .isEqualTo("127.0.0.1:9400:" + absolute + ",topN=5");
    assertThat(AgentOptions.withAbsoluteConfigFile("9400,topN=5")).isEqualTo("9400,topN=5");
  }
}

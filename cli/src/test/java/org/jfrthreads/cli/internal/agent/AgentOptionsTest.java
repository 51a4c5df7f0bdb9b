package org.jfrthreads.cli.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.entry;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.exporter.MetricsEndpoint;
import org.jfrthreads.exporter.internal.settings.Configuration;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentOptionsTest {

  @Test
  void theAgentsEndpointAsksForTheUserAndPasswordGivenInItsOptions(@TempDir Path dir)
      throws Exception {
    Path passwordFile = Files.writeString(dir.resolve("password"), "s3cret\n");
    AgentOptions options =
        AgentOptions.parse("127.0.0.1:0,httpUser=prometheus,httpPasswordFile=" + passwordFile);

    try (MetricsEndpoint endpoint = options.endpoint().registry(new PrometheusRegistry()).start()) {
      URI metrics = URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics");
      HttpClient client = HttpClient.newHttpClient();
      String credentials =
          Base64.getEncoder().encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));

      assertThat(client.send(HttpRequest.newBuilder(metrics).build(), BodyHandlers.discarding()))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(401);
      assertThat(
              client.send(
                  HttpRequest.newBuilder(metrics)
                      .header("Authorization", "Basic " + credentials)
                      .build(),
                  BodyHandlers.discarding()))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "httpUser=prometheus | httpUser without httpPasswordFile. Expecting both, or neither.",
        "httpPasswordFile=/etc/passwd | httpPasswordFile without httpUser. Expecting both, or"
            + " neither.",
        "httpsKeyStore=/tmp/k.p12 | httpsKeyStore without httpsKeyStorePasswordFile. Expecting"
            + " both, or neither.",
      })
  void halfOfAnEndpointPairIsRefused(String setting, String message) {
    AgentOptions options = AgentOptions.parse("127.0.0.1:0," + setting);

    assertThatIllegalArgumentException().isThrownBy(options::endpoint).withMessage(message);
  }

  @Test
  void noOptionsServeOnAllInterfacesOnPort9400WithTheDefaults() {
    for (String none : new String[] {null, "", " "}) {
      AgentOptions options = AgentOptions.parse(none);

      assertThat(options.host()).isEqualTo("0.0.0.0");
      assertThat(options.port()).isEqualTo(9400);
      assertThat(options.settings()).isEmpty();
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

    Configured configured = Configured.of(options);
    ThreadEventSettings events = configured.events();
    assertThat(events.threshold(BlockingKind.MONITOR_ENTER)).isEqualTo(Duration.ofMillis(5));
    assertThat(events.threshold(BlockingKind.PARK)).isEqualTo(Duration.ofMillis(20));
    assertThat(events.pinnedThreshold()).isEqualTo(Duration.ofNanos(500_000));
    assertThat(events.virtualThreadLifecycle()).isFalse();
    assertThat(events.stackDepth()).isEqualTo(8);
    AnalyzerConfig config = configured.analyzer();
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
    AgentOptions options =
        AgentOptions.parse(
            "9400,stateSampling=false,stateSamplerInterval=30s,virtualThreadDump=1m,"
                + "virtualThreadDumpMaxLive=500");

    assertThat(options.settings())
        .containsOnly(
            entry("stateSampling", "false"),
            entry("stateSamplerInterval", "30s"),
            entry("virtualThreadDump", "1m"),
            entry("virtualThreadDumpMaxLive", "500"));
    assertThatNoException().isThrownBy(() -> options.configure(JfrThreads.builder()));
  }

  @Test
  void settingsMayComeWithoutAnAddress() {
    AgentOptions options = AgentOptions.parse("threshold.sleep=1.5s");

    assertThat(options.port()).isEqualTo(9400);
    assertThat(Configured.of(options).events().threshold(BlockingKind.SLEEP))
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
    assertThat(Configured.of(fileOnly).events().threshold(BlockingKind.PARK))
        .isEqualTo(Duration.ofMillis(30));
    assertThat(Configured.of(fileOnly).analyzer().topN()).isEqualTo(7);
    assertThat(withPort.host()).isEqualTo("127.0.0.1");
    assertThat(withPort.port()).isEqualTo(9403);
    assertThat(Configured.of(withPort).analyzer().topN()).isEqualTo(9);
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
        "threshold=5124096h | threshold=5124096h: illegal duration. Expecting at most 2562047h"
            + " (about 292 years).",
        "topN=99999999999 | topN=99999999999: illegal value. Expecting a whole number from"
            + " -2147483647 to 2147483647.",
        "topN=5,topN=6 | topN=6: given twice (first topN=5). Expecting each once.",
        ":9400 | :9400: illegal address.",
        "9400,virtualThreadLifecycle=yes | virtualThreadLifecycle=yes: illegal value. Expecting"
            + " true or false.",
        "9400,stackDepth=many | stackDepth=many: illegal value. Expecting a whole number.",
        "9400,logLevel=loud | logLevel=loud: illegal log level.",
        "99999 | 99999: illegal port. Expecting 0 (any free port) to 65535.",
        "localhost:http | localhost:http: illegal address. Expecting [host:]port[:file] or a file",
        "9400,,topN=5 | \"9400,,topN=5\": empty option between commas.",
        "9400,verbose | verbose: not a setting. Expecting KEY=VALUE after the address",
        "no-such.properties | no-such.properties: cannot read the configuration file",
      })
  void aBadOptionIsRejectedWithAMessageThatLeadsWithIt(String argument, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse(argument))
        .withMessageStartingWith(message);
  }

  /** Values that read well but are out of range: the builder's setter says so. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "9400,topN=5000 | topN=5000: illegal topN. Expecting 1 to 1000.",
        "9400,topN=50,maxSeries=10 | 10: illegal maxSeries. Expecting at least topN (50).",
        "stateSamplerInterval=100ms | stateSamplerInterval=100ms: illegal interval. Expecting 1 s"
            + " to 1 h.",
        "virtualThreadDump=0 | virtualThreadDump=0: illegal dump interval. Expecting 1 s to 1 h.",
        "virtualThreadDump=1ns | virtualThreadDump=1ns: illegal dump interval. Expecting 1 s to 1"
            + " h.",
        "virtualThreadDumpMaxLive=0 | virtualThreadDumpMaxLive=0: illegal maxLive. Expecting 1 or"
            + " more.",
        "libraryPackages=: | libraryPackages=\"\": illegal package prefix. Expecting a name.",
        "libraryPackages=io.netty.::org.acme. | libraryPackages=\"\": illegal package prefix.",
      })
  void aValueOutOfRangeIsRejectedByTheBuildersSetter(String argument, String message) {
    AgentOptions options = AgentOptions.parse(argument);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> options.configure(JfrThreads.builder()))
        .withMessageStartingWith(message);
  }

  @Test
  void aKeyGivenTwiceInTheFileIsRejectedAndInlineWinsOverTheFile(@TempDir Path directory)
      throws Exception {
    Path twice = directory.resolve("twice.properties");
    Files.writeString(twice, "topN=5\ntopN=6\n");
    Path once = directory.resolve("once.properties");
    Files.writeString(once, "topN=5\n");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse(twice.toString()))
        .withMessage("topN=6 (in " + twice + "): given twice (first topN=5). Expecting each once.");
    assertThat(AgentOptions.parse(once + ",topN=7").settings()).containsEntry("topN", "7");
  }

  @Test
  void aFifoOrADeviceAsTheFileIsRefusedWithoutReadingIt(@TempDir Path directory) throws Exception {
    Path fifo = directory.resolve("settings.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    // Opening a FIFO nobody writes to would block for ever, /dev/zero never ends.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse("9400:" + fifo))
        .withMessage(
            fifo
                + ": not a regular file (a FIFO, socket or device). Expecting a readable Java"
                + " properties file of KEY=VALUE lines.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse("9400:/dev/zero"))
        .withMessageStartingWith("/dev/zero: not a regular file (a FIFO, socket or device).");
  }

  @Test
  void aFileLargerThanTheLimitIsRefused(@TempDir Path directory) throws Exception {
    Path large = directory.resolve("large.properties");
    Files.write(large, new byte[AgentOptions.MAX_FILE_BYTES + 1]);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentOptions.parse(large.toString()))
        .withMessageStartingWith(large + ": larger than 1048576 bytes.");
  }

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 9400, http://0.0.0.0:9400/metrics",
    "::1, 9401, http://[::1]:9401/metrics",
    "localhost, 0, http://localhost:0/metrics",
  })
  void theMetricsUrlPutsAnIpv6AddressInBrackets(String host, int port, String url) {
    assertThat(AgentOptions.metricsUrl(host, port)).isEqualTo(url);
  }

  /** What the agent hands to the library, built the way the agent builds it. */
  private record Configured(ThreadEventSettings events, AnalyzerConfig analyzer) {
    static Configured of(AgentOptions options) {
      Configuration configuration = Configuration.agent(JfrThreads.builder());
      configuration.set(options.settings());
      return new Configured(configuration.eventSettings(), configuration.analyzerConfig());
    }
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

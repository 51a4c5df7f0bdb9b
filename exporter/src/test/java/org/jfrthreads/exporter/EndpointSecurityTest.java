package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.jfrthreads.testing.TestKeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic authentication and TLS, set in the builder and checked with a real client. */
class EndpointSecurityTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private static final String KEY_STORE_PASSWORD = "changeit-123";

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path keyStore;

  @BeforeAll
  static void makeKeyStore() throws Exception {
    keyStore = TestKeyStore.create(shared.resolve("server.p12"), KEY_STORE_PASSWORD);
  }

  @Test
  void basicAuthenticationLetsInOnlyTheRightPassword() throws Exception {
    Path passwordFile = write("password", "s3cret pass\n");
    try (JfrThreads threads =
        watching().httpBasicAuth("prometheus", passwordFile).httpPort(0).start()) {
      HttpClient anonymous = HttpClient.newHttpClient();
      URI metrics = URI.create("http://127.0.0.1:" + threads.httpPort() + "/metrics");

      HttpResponse<String> none = anonymous.send(request(metrics), ofString());
      HttpResponse<String> wrong =
          anonymous.send(
              request(metrics, "Authorization", basic("prometheus", "s3cret pass\n")), ofString());
      HttpResponse<String> right =
          client("prometheus", "s3cret pass").send(request(metrics), ofString());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"jfr-threads\", charset=\"UTF-8\"");
      assertThat(none.body()).doesNotContain("jvm_thread");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("# TYPE jvm_thread_live gauge");
    }
  }

  @Test
  void tlsServesWithTheKeyStoresCertificate() throws Exception {
    Path passwordFile = write("keystore-password", KEY_STORE_PASSWORD + "\n");
    try (JfrThreads threads = watching().httpTls(keyStore, passwordFile).httpPort(0).start()) {
      URI metrics = URI.create("https://127.0.0.1:" + threads.httpPort() + "/metrics");
      HttpClient trusting =
          HttpClient.newBuilder()
              .sslContext(TestKeyStore.trusting(keyStore, KEY_STORE_PASSWORD))
              .connectTimeout(GENEROUS)
              .build();

      HttpResponse<String> response = trusting.send(request(metrics), ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("# TYPE jvm_thread_live gauge");
      assertThat(response.sslSession()).isPresent();
      assertThatExceptionOfType(SSLHandshakeException.class)
          .as("a client that does not trust the certificate")
          .isThrownBy(() -> HttpClient.newHttpClient().send(request(metrics), ofString()));
    }
  }

  @Test
  void tlsAndBasicAuthenticationTogether() throws Exception {
    try (JfrThreads threads =
        watching()
            .httpTls(keyStore, write("keystore-password", KEY_STORE_PASSWORD))
            .httpBasicAuth("prometheus", write("password", "pw"))
            .httpPort(0)
            .start()) {
      URI metrics = URI.create("https://127.0.0.1:" + threads.httpPort() + "/metrics");
      SSLContext tls = TestKeyStore.trusting(keyStore, KEY_STORE_PASSWORD);

      HttpResponse<String> none =
          HttpClient.newBuilder().sslContext(tls).build().send(request(metrics), ofString());
      HttpResponse<String> right =
          HttpClient.newBuilder()
              .sslContext(tls)
              .authenticator(credentials("prometheus", "pw"))
              .build()
              .send(request(metrics), ofString());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aPasswordFileThatIsNotARegularFileIsRefusedWhileConfiguring() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> JfrThreads.builder().httpBasicAuth("prometheus", dir))
        .withMessage(
            dir
                + ": no such regular file for the basic auth password file. Expecting the path of a"
                + " readable file.");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> JfrThreads.builder().httpBasicAuth("prometheus", Path.of("/dev/zero")))
        .withMessageStartingWith("/dev/zero: no such regular file");
  }

  @Test
  void badSecretsAreRefusedWithTheFileAndTheFix() throws Exception {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> JfrThreads.builder().httpBasicAuth("prometheus", write("empty", "\n")))
        .withMessageEndingWith(
            "empty: the basic auth password file is empty. Expecting the password on its first line.");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> JfrThreads.builder().httpBasicAuth("a:b", write("pw", "pw")))
        .withMessage("\"a:b\": illegal user. Expecting a name without a colon.");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> JfrThreads.builder().httpTls(keyStore, write("wrong", "not-it")))
        .withMessage(
            keyStore
                + ": wrong password for the TLS key store. Expecting the password it was made with"
                + " in the password file.");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () -> JfrThreads.builder().httpTls(write("not-a-store", "hello"), write("p", "pw")))
        .withMessageContaining("not-a-store: not a TLS key store")
        .withMessageEndingWith("Expecting a PKCS12 or JKS file.");
  }

  private static JfrThreads.Builder watching() {
    return JfrThreads.builder()
        .registry(new PrometheusRegistry())
        .stateSampling(false)
        .httpHost("127.0.0.1");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static HttpClient client(String user, String password) {
    return HttpClient.newBuilder().authenticator(credentials(user, password)).build();
  }

  private static Authenticator credentials(String user, String password) {
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user, password.toCharArray());
      }
    };
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpRequest request(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(GENEROUS);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request.build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}

package org.jfrthreads.exporter;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.prometheus.metrics.exporter.httpserver.DefaultHandler;
import io.prometheus.metrics.exporter.httpserver.HealthyHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Serves a registry on {@code /metrics} over HTTP or HTTPS, in a way that clients cannot hold down.
 *
 * <pre>{@code
 * MetricsEndpoint endpoint = MetricsEndpoint.builder()
 *     .registry(registry)
 *     .host("127.0.0.1")
 *     .port(9400)
 *     .basicAuth("prometheus", Path.of("/etc/jfr-threads/password"))
 *     .start();
 * }</pre>
 *
 * <p>The same paths and formats as client_java's {@code HTTPServer} ({@code /metrics} with text,
 * OpenMetrics and protobuf by content negotiation, {@code /-/healthy}, and a page at {@code /}),
 * with these limits:
 *
 * <ul>
 *   <li>Each request is served on a virtual thread of its own, at most {@value
 *       #DEFAULT_MAX_EXCHANGES} at once; a request still being read or answered after {@value
 *       #DEFAULT_TIMEOUT_SECONDS} s is cut off. Clients that send half a request and wait therefore
 *       never keep a scrape waiting.
 *   <li>An idle connection is closed after the JDK's idle interval (30 s unless the application set
 *       {@code sun.net.httpserver.idleInterval}); it holds no thread meanwhile.
 *   <li>The request line and headers are bounded by the JDK (380 KiB and 200 headers unless the
 *       application set {@code sun.net.httpserver.maxReqHeaderSize} or {@code maxReqHeaders}); a
 *       request body is refused (413) without being read.
 *   <li>Methods other than GET and HEAD get 405; an unknown {@code ?debug=} format gets 400.
 * </ul>
 *
 * <p>It sets no system property, so the application's own {@code HttpServer}s are unaffected.
 * Thread-safe; {@link #close()} may be called more than once.
 *
 * @since 0.1.0
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** Requests served at once; one more is refused, its connection closed. */
  public static final int DEFAULT_MAX_EXCHANGES = 100;

  /** How long one request may take, from its first byte to the end of the answer. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;

  private static final String REALM = "jfr-threads";

  private final HttpServer server;
  private final ExchangeExecutor executor;
  private final boolean tls;

  private MetricsEndpoint(HttpServer server, ExchangeExecutor executor, boolean tls) {
    this.server = server;
    this.executor = executor;
    this.tls = tls;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port served on: the one asked for, or the one chosen for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code "https"} with TLS, else {@code "http"}. */
  public String scheme() {
    return tls ? "https" : "http";
  }

  /** Requests being read or answered now. */
  int runningRequests() {
    return executor.running();
  }

  /** Requests refused because {@value #DEFAULT_MAX_EXCHANGES} were being served. */
  long refusedRequests() {
    return executor.refused();
  }

  /** Requests cut off at their timeout. */
  long timedOutRequests() {
    return executor.timedOut();
  }

  /** Stops serving at once, closing open connections. Safe to call more than once. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  /** Builds and starts a {@link MetricsEndpoint}; setters validate their argument. */
  public static final class Builder {
    private PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    private String host = "0.0.0.0";
    private int port = 0;
    private String user;
    private byte[] passwordUtf8;
    private SSLContext tlsContext;
    private int maxExchanges = DEFAULT_MAX_EXCHANGES;
    private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

    private Builder() {}

    /** What to serve; default {@link PrometheusRegistry#defaultRegistry}. */
    public Builder registry(PrometheusRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The address to serve on; default {@code 0.0.0.0} (all interfaces). {@code 127.0.0.1} keeps
     * the endpoint to this machine.
     */
    public Builder host(String host) {
      if (Objects.requireNonNull(host, "host").isBlank()) {
        throw new IllegalArgumentException("\"\": illegal host. Expecting a name or address.");
      }
      this.host = host;
      return this;
    }

    /** The port, 0 for any free one; default 0. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(port + ": illegal port. Expecting 0 to 65535.");
      }
      this.port = port;
      return this;
    }

    /**
     * Requires HTTP basic authentication on every path: user {@code user}, password the content of
     * {@code passwordFile} less one trailing line break. The file is read now, so that the password
     * never appears on a command line. Use it with TLS: basic authentication sends the password in
     * clear otherwise.
     *
     * @throws IllegalArgumentException if the user is blank or holds a colon, or the file is not a
     *     regular file of at most 4 KiB holding a password
     */
    public Builder basicAuth(String user, Path passwordFile) {
      Objects.requireNonNull(user, "user");
      if (user.isBlank() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "\"" + user + "\": illegal user. Expecting a name without a colon.");
      }
      char[] password = SecretFiles.readPassword(passwordFile, "basic auth password");
      this.passwordUtf8 = new String(password).getBytes(StandardCharsets.UTF_8);
      Arrays.fill(password, '\0');
      this.user = user;
      return this;
    }

    /**
     * Serves HTTPS with the key and certificate in {@code keyStore} (PKCS12 or JKS), whose password
     * is the content of {@code passwordFile} less one trailing line break; the key must have the
     * same password. Both files are read now.
     *
     * @throws IllegalArgumentException if a file cannot be read, the password is wrong, or the key
     *     store holds no private key
     */
    public Builder tls(Path keyStore, Path passwordFile) {
      Objects.requireNonNull(keyStore, "keyStore");
      char[] password = SecretFiles.readPassword(passwordFile, "TLS key store password");
      try {
        this.tlsContext = SecretFiles.tlsContext(keyStore, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      return this;
    }

    /** Package private. For testing only: requests served at once; default 100. */
    Builder maxExchanges(int maxExchanges) {
      if (maxExchanges < 1) {
        throw new IllegalArgumentException(
            maxExchanges + ": illegal maxExchanges. Expecting 1 or more.");
      }
      this.maxExchanges = maxExchanges;
      return this;
    }

    /** Package private. For testing only: how long one request may take; default 10 s. */
    Builder timeout(Duration timeout) {
      if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(timeout + ": illegal timeout. Expecting more than 0.");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException if the address cannot be bound (the port is taken or not allowed)
     */
    public MetricsEndpoint start() throws IOException {
      InetSocketAddress address = new InetSocketAddress(host, port);
      HttpServer server;
      if (tlsContext != null) {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tlsContext));
        server = https;
      } else {
        server = HttpServer.create(address, 0);
      }
      ExchangeExecutor executor = new ExchangeExecutor(maxExchanges, timeout);
      server.setExecutor(executor);
      serve(server, "/", new DefaultHandler("/metrics"));
      serve(server, "/metrics", new MetricsHandler(registry));
      serve(server, "/-/healthy", new HealthyHandler());
      startAsDaemon(server);
      return new MetricsEndpoint(server, executor, tlsContext != null);
    }

    /**
     * The server's dispatcher thread takes its daemon status from the thread that starts it:
     * started from {@code main} it would keep the JVM from exiting.
     */
    private static void startAsDaemon(HttpServer server) {
      Thread starter = new Thread(server::start, "jfr-threads-http-start");
      starter.setDaemon(true);
      starter.start();
      try {
        starter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void serve(HttpServer server, String path, HttpHandler handler) {
      HttpContext context = server.createContext(path, handler);
      if (user != null) {
        context.setAuthenticator(new PasswordAuthenticator(user, passwordUtf8));
      }
      context.getFilters().add(new RequestFilter());
    }
  }

  /** Compares in constant time, so that the answer's timing tells nothing of the password. */
  private static final class PasswordAuthenticator extends BasicAuthenticator {
    private final byte[] user;
    private final byte[] password;

    PasswordAuthenticator(String user, byte[] password) {
      super(REALM, StandardCharsets.UTF_8);
      this.user = user.getBytes(StandardCharsets.UTF_8);
      this.password = password;
    }

    @Override
    public boolean checkCredentials(String user, String password) {
      boolean userMatches = MessageDigest.isEqual(this.user, user.getBytes(StandardCharsets.UTF_8));
      boolean passwordMatches =
          MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8));
      return userMatches & passwordMatches;
    }
  }
}

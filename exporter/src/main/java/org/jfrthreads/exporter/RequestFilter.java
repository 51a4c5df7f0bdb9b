package org.jfrthreads.exporter;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Turns away, before any work, the requests the endpoint does not serve: methods other than GET and
 * HEAD (405), requests with a body (413: the body is never read), and query strings that are
 * malformed or ask for an unknown {@code debug} format (400, where client_java's handler would
 * answer 500). Stateless and thread-safe.
 */
final class RequestFilter extends Filter {

  /** The values of {@code ?debug=} that client_java's scrape handler knows. */
  static final Set<String> DEBUG_FORMATS = Set.of("openmetrics", "text", "prometheus-protobuf");

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      refuse(exchange, 405, method + ": method not allowed. Expecting GET or HEAD.");
      return;
    }
    if (hasBody(exchange)) {
      refuse(exchange, 413, "a request to this endpoint has no body.");
      return;
    }
    String problem = queryProblem(exchange.getRequestURI().getRawQuery());
    if (problem != null) {
      refuse(exchange, 400, problem);
      return;
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "GET and HEAD only, no body, a well-formed query";
  }

  private static boolean hasBody(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
        || (length != null && !length.strip().equals("0"));
  }

  /** Why the query cannot be served, or {@code null} if it can. */
  static String queryProblem(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name;
      String value;
      try {
        name =
            URLDecoder.decode(
                equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        value =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return pair + ": malformed query parameter (" + e.getMessage() + ").";
      }
      if (name.equals("debug") && !DEBUG_FORMATS.contains(value)) {
        return "debug="
            + value
            + ": unsupported query parameter. Valid values are 'openmetrics', 'text', and"
            + " 'prometheus-protobuf'.";
      }
    }
    return null;
  }

  private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }
}

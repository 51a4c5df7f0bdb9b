package org.jfrthreads.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser for tests: objects become {@code LinkedHashMap}s, arrays {@code List}s,
 * numbers {@code BigDecimal}s. It rejects what RFC 8259 rejects that a report could plausibly
 * contain: trailing commas, unescaped control characters, bad escapes, trailing text.
 */
public final class TinyJson {

  private final String text;
  private int at;

  private TinyJson(String text) {
    this.text = text;
  }

  public static Object parse(String text) {
    TinyJson parser = new TinyJson(text);
    Object value = parser.value();
    parser.space();
    if (parser.at != text.length()) {
      throw parser.error("trailing text");
    }
    return value;
  }

  /**
   * Follows a path of member names and array indexes: {@code at(json, "threads", "platform",
   * "started")}.
   */
  public static Object at(Object json, Object... path) {
    Object current = json;
    for (Object step : path) {
      if (step instanceof Integer index) {
        current = ((List<?>) current).get(index);
      } else {
        Map<?, ?> object = (Map<?, ?>) current;
        if (!object.containsKey(step)) {
          throw new AssertionError("no member " + step + " in " + object.keySet());
        }
        current = object.get(step);
      }
    }
    return current;
  }

  private Object value() {
    space();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    at++;
    space();
    if (peek() == '}') {
      at++;
      return object;
    }
    while (true) {
      space();
      String name = string();
      space();
      expect(':');
      if (object.put(name, value()) != null) {
        throw error("duplicate member " + name);
      }
      space();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect('}');
      return object;
    }
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    at++;
    space();
    if (peek() == ']') {
      at++;
      return array;
    }
    while (true) {
      array.add(value());
      space();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect(']');
      return array;
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = text.charAt(at++);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("bad escape \\" + escape);
      }
    }
  }

  private BigDecimal number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String number = text.substring(start, at);
    if (!number.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      throw error("bad number '" + number + "'");
    }
    return new BigDecimal(number);
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("bad literal");
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(
        problem
            + " at "
            + at
            + ": "
            + text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20)));
  }
}

package org.jfrthreads.report;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON text, indented by two spaces, with strings escaped per RFC 8259; small enough that
 * the report needs no JSON library (and the agent jar shades none).
 *
 * <p>Not thread-safe. The caller keeps names and values in order: {@code name} before each value
 * inside an object, none inside an array; a misplaced call throws {@link IllegalStateException}.
 */
final class JsonWriter {

  private final StringBuilder out = new StringBuilder();
  // Per open container: true for an object; and whether it has a member yet.
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean afterName;

  JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    open.push(new boolean[] {true, false});
    return this;
  }

  JsonWriter endObject() {
    return end(true, '}');
  }

  JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    open.push(new boolean[] {false, false});
    return this;
  }

  JsonWriter endArray() {
    return end(false, ']');
  }

  JsonWriter name(String name) {
    boolean[] container = open.peek();
    if (container == null || !container[0] || afterName) {
      throw new IllegalStateException(
          name + ": a name is allowed only inside an object, before a value.");
    }
    separate(container);
    string(name);
    out.append(": ");
    afterName = true;
    return this;
  }

  JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    string(value);
    return this;
  }

  JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** A finite number as given; NaN and infinities, which JSON lacks, as {@code null}. */
  JsonWriter value(double value) {
    if (!Double.isFinite(value)) {
      return nullValue();
    }
    beforeValue();
    out.append(new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString());
    return this;
  }

  /** A number written exactly as given, which must already be valid JSON: {@code 0.15}. */
  JsonWriter rawNumber(String number) {
    beforeValue();
    out.append(number);
    return this;
  }

  JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** The text written; all containers must be closed. */
  String text() {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " containers still open.");
    }
    return out + "\n";
  }

  private JsonWriter end(boolean object, char bracket) {
    boolean[] container = open.peek();
    if (container == null || container[0] != object || afterName) {
      throw new IllegalStateException(bracket + ": nothing of that kind to close here.");
    }
    open.pop();
    if (container[1]) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  private void beforeValue() {
    boolean[] container = open.peek();
    if (container == null) {
      if (!out.isEmpty()) {
        throw new IllegalStateException("one top-level value only.");
      }
      return;
    }
    if (container[0]) {
      if (!afterName) {
        throw new IllegalStateException("a value inside an object needs a name first.");
      }
      afterName = false;
      return;
    }
    separate(container);
  }

  private void separate(boolean[] container) {
    if (container[1]) {
      out.append(',');
    }
    container[1] = true;
    newline();
  }

  private void newline() {
    out.append('\n').append("  ".repeat(open.size()));
  }

  private void string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean pairedSurrogate =
              Character.isHighSurrogate(c)
                      && i + 1 < value.length()
                      && Character.isLowSurrogate(value.charAt(i + 1))
                  || Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(value.charAt(i - 1));
          // Control characters must be escaped; U+2028/9 too for JavaScript; and lone surrogates,
          // which are not valid UTF-8 once written.
          if (c < 0x20
              || c == '\u2028'
              || c == '\u2029'
              || (Character.isSurrogate(c) && !pairedSurrogate)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

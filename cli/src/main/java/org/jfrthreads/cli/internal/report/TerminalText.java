package org.jfrthreads.cli.internal.report;

/**
 * Makes text from a recording safe to print on a terminal.
 *
 * <p>Class names, sites and thread names come from the recorded application, and a recording can be
 * crafted: an escape sequence in a class name could move the cursor, rewrite the screen or set the
 * window title, a newline could forge a line of the report, and a bidirectional override could show
 * the text in another order than it is. Each such character is shown as an escape instead: {@code
 * \n}, {@code \r}, {@code \t}, and {@code \}{@code u001B} style for the rest.
 */
final class TerminalText {

  private TerminalText() {}

  /** {@code text} with every control and bidirectional formatting character escaped. */
  static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escape(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped == null) {
          out.append(c);
        } else {
          out.append(escaped);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> mustEscape(c) ? String.format("\\u%04X", (int) c) : null;
    };
  }

  // C0 and C1 controls and DEL; the bidirectional embeddings, overrides and isolates; and lone
  // surrogates, which a terminal cannot show either.
  private static boolean mustEscape(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }
}

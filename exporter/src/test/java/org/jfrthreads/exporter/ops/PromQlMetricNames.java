package org.jfrthreads.exporter.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression selects, found with a small tokenizer rather than a full
 * parser: the expressions checked here are also parsed by Prometheus itself (promtool, and the
 * server in the integration tests), so this only has to tell names from everything else.
 *
 * <p>An identifier is a metric name unless it is a keyword or aggregation operator, is followed by
 * {@code (} (a function call), or sits inside a label matcher {@code {...}}, a range or subquery
 * {@code [...]}, a string, a {@code #} comment, or the label list of {@code by}, {@code without},
 * {@code on}, {@code ignoring}, {@code group_left} or {@code group_right}. Numbers and durations
 * ({@code 5m}, {@code 1e3}, {@code 0x1f}) start with a digit and are never names.
 */
final class PromQlMetricNames {

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "atan2",
          "inf",
          "nan",
          // aggregation operators, which may be followed by `by (...)` before their parenthesis
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");

  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private enum Kind {
    NAME,
    OPEN,
    CLOSE,
    OTHER
  }

  private record Token(Kind kind, String text) {}

  private PromQlMetricNames() {}

  /** The metric names {@code expr} selects, in order of first appearance. */
  static Set<String> of(String expr) {
    List<Token> tokens = tokenize(expr);
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() != Kind.NAME) {
        continue;
      }
      String word = token.text().toLowerCase(Locale.ROOT);
      boolean callOrList = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.OPEN;
      if (LABEL_LIST_KEYWORDS.contains(word)) {
        if (callOrList) {
          i = indexOfMatchingClose(tokens, i + 1);
        }
      } else if (!KEYWORDS.contains(word) && !callOrList) {
        names.add(token.text());
      }
    }
    return names;
  }

  private static int indexOfMatchingClose(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      Kind kind = tokens.get(i).kind();
      if (kind == Kind.OPEN) {
        depth++;
      } else if (kind == Kind.CLOSE && --depth == 0) {
        return i;
      }
    }
    return tokens.size();
  }

  private static List<Token> tokenize(String expr) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '#') {
        i = skipTo(expr, i, '\n');
      } else if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        i = skipBracketed(expr, i, '}');
      } else if (c == '[') {
        i = skipBracketed(expr, i, ']');
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n && isNameChar(expr.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.NAME, expr.substring(start, i)));
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
        while (i < n && (isNameChar(expr.charAt(i)) || expr.charAt(i) == '.')) {
          i++;
        }
      } else {
        if (!Character.isWhitespace(c)) {
          tokens.add(
              new Token(
                  c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.OTHER, String.valueOf(c)));
        }
        i++;
      }
    }
    return tokens;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  /** Index just past the next {@code end}, or the end of {@code s}. */
  private static int skipTo(String s, int from, char end) {
    int at = s.indexOf(end, from + 1);
    return at < 0 ? s.length() : at + 1;
  }

  /**
   * Index just past the string literal opening at {@code from}; backquoted strings have no escapes.
   */
  private static int skipString(String s, int from) {
    char quote = s.charAt(from);
    int i = from + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  /**
   * Index just past the {@code close} that ends the bracket opening at {@code from}, skipping
   * strings.
   */
  private static int skipBracketed(String s, int from, char close) {
    int i = from + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(s, i);
      } else if (c == close) {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }
}

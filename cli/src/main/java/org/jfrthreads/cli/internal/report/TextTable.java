package org.jfrthreads.cli.internal.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned plain-text table: text columns to the left, numbers to the right, two spaces between.
 * One column may be marked as the one to shorten (from the left, keeping the end of a class name)
 * when the table would be wider than the page. Control characters in cells are escaped ({@link
 * TerminalText}): cells hold names from the recording.
 */
final class TextTable {

  private static final String GAP = "  ";
  private static final String INDENT = "  ";

  private final String[] headers;
  private final boolean[] rightAligned;
  private final int shrinkable;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * @param headers column titles; a title starting with {@code >} is right-aligned (the {@code >}
   *     is not shown)
   * @param shrinkable the column to shorten when too wide, or -1
   */
  TextTable(int shrinkable, String... headers) {
    this.headers = new String[headers.length];
    this.rightAligned = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      rightAligned[i] = headers[i].startsWith(">");
      this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
    }
    this.shrinkable = shrinkable;
  }

  TextTable row(String... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          cells.length + ": illegal cell count. Expecting " + headers.length + ".");
    }
    String[] printable = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      printable[i] = TerminalText.escape(cells[i]);
    }
    rows.add(printable);
    return this;
  }

  /** The table, at most {@code pageWidth} columns wide if the shrinkable column allows. */
  String render(int pageWidth) {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = headers[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    int total = INDENT.length() + GAP.length() * (headers.length - 1);
    for (int width : widths) {
      total += width;
    }
    if (shrinkable >= 0 && total > pageWidth) {
      widths[shrinkable] =
          Math.max(
              headers[shrinkable].length(), Math.max(16, widths[shrinkable] - (total - pageWidth)));
    }
    StringBuilder text = new StringBuilder();
    line(text, headers, widths);
    for (String[] row : rows) {
      line(text, row, widths);
    }
    return text.toString();
  }

  private void line(StringBuilder text, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder(INDENT);
    for (int i = 0; i < cells.length; i++) {
      String cell = fit(cells[i], widths[i]);
      String padding = " ".repeat(widths[i] - cell.length());
      line.append(rightAligned[i] ? padding + cell : cell + (i == cells.length - 1 ? "" : padding));
      if (i < cells.length - 1) {
        line.append(GAP);
      }
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  // Shortens from the left: the end of "com.example.orders.OrderService$Lock" says the most.
  private static String fit(String cell, int width) {
    return cell.length() <= width ? cell : "…" + cell.substring(cell.length() - width + 1);
  }
}

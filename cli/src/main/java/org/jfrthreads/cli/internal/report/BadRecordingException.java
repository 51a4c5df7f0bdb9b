package org.jfrthreads.cli.internal.report;

/** A recording cannot be analyzed; the message names the file, the problem and what to do. */
public final class BadRecordingException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadRecordingException(String message) {
    super(message);
  }

  public BadRecordingException(String message, Throwable cause) {
    super(message, cause);
  }
}

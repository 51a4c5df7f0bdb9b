package org.jfrthreads.stream;

/** A source could not be opened; the message names the problem and what to do about it. */
public final class ThreadEventSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ThreadEventSourceException(String message, Throwable cause) {
    super(message, cause);
  }

  public ThreadEventSourceException(String message) {
    super(message);
  }
}

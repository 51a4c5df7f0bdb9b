package org.jfrthreads.stream;

/**
 * A place where a recording's bytes break the rules of JFR's file format.
 *
 * @see ChunkStructure
 */
final class RecordingDamage extends Exception {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /**
   * @param offset the byte of the file where the damage is seen
   * @param problem what is wrong there, as a phrase: {@code "a record of 0 bytes"}
   */
  RecordingDamage(long offset, String problem) {
    super(problem, null, false, false);
    this.offset = offset;
  }

  long offset() {
    return offset;
  }

  String problem() {
    return getMessage();
  }
}

package org.jfrthreads.stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps JFR's chunks small, which bounds both the heap JFR's stream parser holds and the JFR
 * repository on disk.
 *
 * <p>Why the chunk size: JFR writes a recording as a series of chunk files. Each chunk carries
 * constant pools, among them one entry per thread that wrote an event in it, and the stream's
 * parser ({@code jdk.jfr.internal.consumer.ChunkParser}, {@code ConstantLookup}) keeps every entry
 * of the chunk it reads, as a {@code RecordedThread} with its boxed ids, plus those of the chunk
 * before, until it moves on. A chunk ends only when it reaches JFR's maximum chunk size (12 MB by
 * default) or a recording starts or stops; {@code RecordingStream.setMaxAge/setMaxSize} only decide
 * how long finished chunks stay on disk. With 12 MB chunks the parser held 81.5 MB after a million
 * short virtual threads (about 510,000 {@code RecordedThread}s); with 1 MB chunks the pipeline
 * stayed 3 to 23 MB above idle after each of ten waves of a million ({@code benchmarks/RESULTS.md},
 * RetainedHeap; a chunk spans at least a flush while the JVM is busy), and {@link ChunkRelease}
 * brings that down to about 1 MB once a burst is over. The heap it holds is bounded by the chunk
 * size and the rate of new threads, whatever the number of threads ever seen.
 *
 * <p>The maximum chunk size is a setting of the whole JVM ({@code jcmd PID JFR.configure
 * maxchunksize=...}): other recordings get 1 MB chunks too, which only means more, smaller files in
 * the repository. It can be changed only before JFR starts (JDK 25 ignores it afterwards, without a
 * word), so this runs before jfr-threads first touches JFR. A size chosen at JVM start ({@code
 * -XX:FlightRecorderOptions:maxchunksize=...}) is left as it is, and so is JFR started before
 * jfr-threads ({@code -XX:StartFlightRecording}, another library): a log line says so.
 */
final class JfrChunks {

  /** The maximum chunk size set, JFR's smallest. */
  static final long MAX_CHUNK_BYTES = 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(JfrChunks.class);
  private static boolean bounded; // guarded by JfrChunks.class

  private JfrChunks() {}

  /** Lowers JFR's maximum chunk size to {@link #MAX_CHUNK_BYTES}, once per JVM; never throws. */
  static synchronized void bound() {
    if (bounded) {
      return;
    }
    bounded = true;
    if (FlightRecorder.isInitialized()) {
      log.info(
          "jfr-threads: JFR was started before jfr-threads, so its chunk size stays as it is;"
              + " under heavy virtual-thread churn the heap JFR's parser holds grows with it."
              + " Start the JVM with -XX:FlightRecorderOptions:maxchunksize=1M to bound it.");
      return;
    }
    String chosen = chosenAtStart();
    if (chosen.contains("maxchunksize")) {
      log.info(
          "jfr-threads: JFR's chunk size is left as set at JVM start ({}); the heap JFR's parser"
              + " holds grows with it under heavy virtual-thread churn.",
          chosen);
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "jfrConfigure",
              new Object[] {new String[] {"maxchunksize=" + MAX_CHUNK_BYTES}},
              new String[] {String[].class.getName()});
    } catch (JMException | RuntimeException error) {
      log.warn(
          "jfr-threads: cannot lower JFR's chunk size to 1 MB ({}): under heavy virtual-thread"
              + " churn JFR's parser may then hold up to about 100 MB of heap.",
          error.toString());
    }
  }

  /** The {@code -XX:FlightRecorderOptions} this JVM was started with, or {@code ""}. */
  private static String chosenAtStart() {
    try {
      return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .getVMOption("FlightRecorderOptions")
          .getValue();
    } catch (RuntimeException notHotSpot) {
      return "";
    }
  }
}

package org.jfrthreads.stream;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import jdk.jfr.consumer.EventStream;
import jdk.management.jfr.EventTypeInfo;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RemoteRecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread events of another JVM, through a {@link RemoteRecordingStream} over a JMX connection
 * (JDK 16+ on both sides). The recording runs in the other JVM; its chunks are copied to a
 * temporary directory here and read as they come.
 *
 * <p>A JVM before 21 has no virtual-thread events: the source asks the target which event types it
 * has, says once which are missing, and asks only for those it has.
 */
final class RemoteStreamSource extends EventStreamSource {

  private static final Logger log = LoggerFactory.getLogger(RemoteStreamSource.class);

  private final MBeanServerConnection connection;
  private final String description;

  RemoteStreamSource(
      MBeanServerConnection connection, String description, ThreadEventSettings settings) {
    super(settings);
    this.connection = connection;
    this.description = description;
  }

  @Override
  EventStream open(ThreadEventSettings settings) {
    try {
      Set<String> available = availableEventTypes();
      Map<String, String> jfrSettings = new LinkedHashMap<>();
      Set<String> missing = new TreeSet<>();
      jfrSettings(settings)
          .forEach(
              (key, value) -> {
                String event = key.substring(0, key.indexOf('#'));
                if (available.contains(event)) {
                  jfrSettings.put(key, value);
                } else if (TraceScope.EVENT_NAMES.contains(event)) {
                  // the application's: registered when it loads the class, and enabled then
                  jfrSettings.put(key, value);
                } else {
                  missing.add(event);
                }
              });
      if (!missing.isEmpty()) {
        log.warn(
            "jfr-threads: {} has no {} events (virtual-thread events need JDK 21+): their metrics"
                + " stay empty.",
            description,
            missing);
      }
      RemoteRecordingStream stream = new RemoteRecordingStream(connection);
      stream.setSettings(jfrSettings);
      return stream;
    } catch (IOException | RuntimeException error) {
      throw new ThreadEventSourceException(
          "cannot stream the JFR events of "
              + description
              + " ("
              + error
              + "): check that it is a running JVM of JDK 17 or newer with JFR enabled, reachable"
              + " over JMX.",
          error);
    }
  }

  private Set<String> availableEventTypes() {
    try {
      FlightRecorderMXBean recorder =
          JMX.newMXBeanProxy(
              connection,
              new ObjectName(FlightRecorderMXBean.MXBEAN_NAME),
              FlightRecorderMXBean.class);
      return recorder.getEventTypes().stream()
          .map(EventTypeInfo::getName)
          .collect(Collectors.toSet());
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  boolean live() {
    return true;
  }

  @Override
  public String description() {
    return description;
  }
}

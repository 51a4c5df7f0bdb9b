package org.jfrthreads.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Turns the JFR thread events of an {@link EventStream} into {@link ThreadEvent} records.
 *
 * <p>Runs on the stream's single dispatch thread only (JFR calls every action from it), which is
 * why {@link SourceCounters} needs no synchronization on this path. With {@code setReuse(true)} the
 * {@link RecordedEvent} passed in is reused by JFR, so nothing of it is kept beyond the call: the
 * records copy the few values they need.
 *
 * <p>What gets through follows the settings applied last ({@link #apply}, from any thread): the
 * thresholds and whether virtual-thread lifecycle events are wanted are one immutable {@link
 * Filter} read once per event through a volatile field.
 */
final class RecordedEventMapper {

  static final String THREAD_START = "jdk.ThreadStart";
  static final String THREAD_END = "jdk.ThreadEnd";
  static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
  static final String VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
  static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

  // Stacks repeat (a sleep in the same loop), and JFR resolves one stack id to one object within a
  // chunk: mapping each once saves looking up three fields by name per frame for every event,
  // which was most of the dispatch thread's time on a demo load. Cleared at every flush, so that
  // no parser object is held for more than about a second, and bounded in between.
  private static final int MAX_CACHED_STACKS = 4_096;

  private final ThreadEventSettings settings;
  private final SourceCounters counters;
  private final Map<RecordedStackTrace, List<StackFrame>> framesByStack = new IdentityHashMap<>();
  private volatile Filter filter;
  // The lifecycle actions, removed from the stream while lifecycle events are shed.
  private final Map<String, Consumer<RecordedEvent>> lifecycleActions = new LinkedHashMap<>();
  private EventStream lifecycleStream; // guarded by this
  private boolean lifecycleRegistered; // guarded by this

  RecordedEventMapper(ThreadEventSettings settings, SourceCounters counters) {
    this.settings = settings;
    this.counters = counters;
    this.filter = new Filter(settings);
  }

  /** Forgets what it cached about the events delivered so far; dispatch thread only. */
  void flushed() {
    framesByStack.clear();
  }

  /** Filters by {@code changed} from the next event on; any thread. */
  void apply(ThreadEventSettings changed) {
    filter = new Filter(changed);
    followLifecycle(changed.virtualThreadLifecycle());
  }

  /** What gets through: thresholds in nanoseconds, and whether lifecycle events are wanted. */
  private static final class Filter {
    final long[] thresholdNanos = new long[BlockingKind.values().length];
    final long pinnedThresholdNanos;
    final long scopeThresholdNanos;
    final boolean virtualThreadLifecycle;

    Filter(ThreadEventSettings settings) {
      for (BlockingKind kind : BlockingKind.values()) {
        thresholdNanos[kind.ordinal()] = settings.threshold(kind).toNanos();
      }
      this.pinnedThresholdNanos = settings.pinnedThreshold().toNanos();
      this.scopeThresholdNanos = settings.lowestThreshold().toNanos();
      this.virtualThreadLifecycle = settings.virtualThreadLifecycle();
    }
  }

  /** Registers one action per event name on {@code stream}, each feeding {@code listener}. */
  void register(EventStream stream, ThreadEventListener listener) {
    on(stream, THREAD_START, listener, this::threadStart);
    on(stream, THREAD_END, listener, this::threadEnd);
    if (settings.virtualThreadLifecycle()) {
      synchronized (this) {
        lifecycleStream = stream;
        lifecycleActions.put(
            VIRTUAL_THREAD_START,
            on(stream, VIRTUAL_THREAD_START, listener, this::virtualThreadStart));
        lifecycleActions.put(
            VIRTUAL_THREAD_END, on(stream, VIRTUAL_THREAD_END, listener, this::virtualThreadEnd));
        lifecycleRegistered = true;
      }
      // Settings applied between the source's start and now.
      followLifecycle(filter.virtualThreadLifecycle);
    }
    for (BlockingKind kind : BlockingKind.values()) {
      on(stream, kind.eventName(), listener, event -> blocked(kind, event));
    }
    on(stream, VIRTUAL_THREAD_PINNED, listener, this::pinned);
    for (String scope : TraceScope.EVENT_NAMES) {
      on(stream, scope, listener, this::scope);
    }
  }

  private Consumer<RecordedEvent> on(
      EventStream stream,
      String eventName,
      ThreadEventListener listener,
      Function<RecordedEvent, ThreadEvent> mapping) {
    int counter = counters.eventType(eventName);
    Consumer<RecordedEvent> action =
        event -> {
          counters.received(counter);
          ThreadEvent record = mapping.apply(event);
          if (record != null) {
            listener.onEvent(record);
          }
        };
    stream.onEvent(eventName, action);
    return action;
  }

  // JFR parses only the events that have an action and skips the others by their size, so
  // removing the lifecycle actions while they are shed also spares parsing the backlog of
  // lifecycle events already written, which under churn is seconds of the dispatch thread's time.
  private synchronized void followLifecycle(boolean follow) {
    if (lifecycleStream == null || follow == lifecycleRegistered) {
      return;
    }
    lifecycleActions.forEach(
        (eventName, action) -> {
          if (follow) {
            lifecycleStream.onEvent(eventName, action);
          } else {
            lifecycleStream.remove(action);
          }
        });
    lifecycleRegistered = follow;
  }

  private ThreadEvent threadStart(RecordedEvent event) {
    RecordedThread thread = event.getThread("thread");
    if (thread == null || thread.getJavaThreadId() < 0) {
      return null;
    }
    long at = epochNanos(event.getStartTime());
    counters.delivered(at);
    return new ThreadStarted(
        thread.getJavaThreadId(), thread.isVirtual(), at, frames(event.getStackTrace()));
  }

  private ThreadEvent threadEnd(RecordedEvent event) {
    RecordedThread thread = event.getThread("thread");
    if (thread == null || thread.getJavaThreadId() < 0) {
      return null;
    }
    long at = epochNanos(event.getStartTime());
    counters.delivered(at);
    return new ThreadEnded(thread.getJavaThreadId(), thread.isVirtual(), at);
  }

  private ThreadEvent virtualThreadStart(RecordedEvent event) {
    if (!filter.virtualThreadLifecycle) {
      counters.belowThreshold();
      return null;
    }
    long at = epochNanos(event.getStartTime());
    counters.delivered(at);
    return new ThreadStarted(event.getLong("javaThreadId"), true, at, List.of());
  }

  private ThreadEvent virtualThreadEnd(RecordedEvent event) {
    if (!filter.virtualThreadLifecycle) {
      counters.belowThreshold();
      return null;
    }
    long at = epochNanos(event.getStartTime());
    counters.delivered(at);
    return new ThreadEnded(event.getLong("javaThreadId"), true, at);
  }

  private ThreadEvent blocked(BlockingKind kind, RecordedEvent event) {
    long durationNanos = event.getDuration().toNanos();
    if (durationNanos < filter.thresholdNanos[kind.ordinal()]) {
      counters.belowThreshold();
      return null;
    }
    RecordedThread thread = event.getThread();
    if (thread == null) {
      return null;
    }
    long at = epochNanos(event.getStartTime());
    counters.delivered(at + durationNanos);
    return new ThreadBlocked(
        thread.getJavaThreadId(),
        thread.isVirtual(),
        kind,
        at,
        durationNanos,
        blockerClass(kind, event),
        frames(event.getStackTrace()));
  }

  private static String blockerClass(BlockingKind kind, RecordedEvent event) {
    RecordedClass blocker =
        switch (kind) {
          case MONITOR_ENTER, MONITOR_WAIT -> event.getClass("monitorClass");
          case PARK -> event.getClass("parkedClass");
          case SLEEP -> null;
        };
    return blocker == null ? "" : blocker.getName();
  }

  private ThreadEvent pinned(RecordedEvent event) {
    long durationNanos = event.getDuration().toNanos();
    if (durationNanos < filter.pinnedThresholdNanos) {
      counters.belowThreshold();
      return null;
    }
    RecordedThread thread = event.getThread();
    long at = epochNanos(event.getStartTime());
    counters.delivered(at + durationNanos);
    return new ThreadPinned(
        thread == null ? -1 : thread.getJavaThreadId(),
        at,
        durationNanos,
        optionalString(event, "pinnedReason"),
        optionalString(event, "blockingOperation"),
        frames(event.getStackTrace()));
  }

  // The application's own event: a scope without both ids, or of another shape, names no span.
  private ThreadEvent scope(RecordedEvent event) {
    long durationNanos = event.getDuration().toNanos();
    if (durationNanos < filter.scopeThresholdNanos) {
      counters.belowThreshold();
      return null;
    }
    RecordedThread thread = event.getThread();
    String traceId = optionalString(event, "traceId");
    String spanId = optionalString(event, "spanId");
    if (thread == null || traceId.isEmpty() || spanId.isEmpty()) {
      return null;
    }
    long at = epochNanos(event.getStartTime());
    counters.delivered(at + durationNanos);
    return new TraceScope(thread.getJavaThreadId(), at, durationNanos, traceId, spanId);
  }

  // pinnedReason and blockingOperation exist from JDK 24 on; recordings of older JDKs lack them.
  private static String optionalString(RecordedEvent event, String field) {
    if (!event.hasField(field)) {
      return "";
    }
    String value = event.getString(field);
    return value == null ? "" : value;
  }

  private List<StackFrame> frames(RecordedStackTrace stackTrace) {
    if (stackTrace == null) {
      return List.of();
    }
    List<StackFrame> known = framesByStack.get(stackTrace);
    if (known != null) {
      return known;
    }
    if (framesByStack.size() >= MAX_CACHED_STACKS) {
      framesByStack.clear();
    }
    List<StackFrame> frames = mapFrames(stackTrace);
    framesByStack.put(stackTrace, frames);
    return frames;
  }

  private List<StackFrame> mapFrames(RecordedStackTrace stackTrace) {
    List<RecordedFrame> recorded = stackTrace.getFrames();
    int depth = Math.min(recorded.size(), settings.stackDepth());
    List<StackFrame> frames = new ArrayList<>(depth);
    for (int i = 0; i < recorded.size() && frames.size() < depth; i++) {
      RecordedFrame frame = recorded.get(i);
      if (frame.isJavaFrame() && frame.getMethod() != null) {
        frames.add(
            new StackFrame(frame.getMethod().getType().getName(), frame.getMethod().getName()));
      }
    }
    return List.copyOf(frames);
  }

  static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}

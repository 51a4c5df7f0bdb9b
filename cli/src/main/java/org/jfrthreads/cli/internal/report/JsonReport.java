package org.jfrthreads.cli.internal.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.TracedBlocking;

/**
 * The report as JSON, for programs. The format is stable: fields are only ever added within a
 * {@link #FORMAT_VERSION}; a change of meaning or a removal raises it.
 *
 * <h2>Units</h2>
 *
 * Durations are in seconds, as decimal numbers, in fields named {@code *_seconds}; times of day are
 * ISO-8601 strings in UTC with nanoseconds ({@code "2026-11-28T15:40:01.123456789Z"}); counts are
 * integers. Thread kinds are {@code "platform"} and {@code "virtual"}; blocking kinds are {@code
 * monitor_enter}, {@code monitor_wait}, {@code park} and {@code sleep}, as in the metrics.
 *
 * <h2>Fields</h2>
 *
 * <pre>
 * format_version            1
 * recording                 file, size_bytes, chunks, start_time, end_time, duration_seconds,
 *                           events_read {JFR event name: count, thresholds not yet applied},
 *                           events_below_threshold, events_analyzed
 * settings                  blocking_threshold_seconds, pinned_threshold_seconds, top
 * threads                   {platform|virtual: started, ended, live_at_end, lifetimes DURATIONS};
 *                           started, ended and live_at_end are null when the recording has no
 *                           start or end of that kind (not recorded, as on JDK 17)
 * blocking_by_kind          [kind, threads, durations DURATIONS]; only pairs with events
 * top_blocking              [kind, threads, class, durations DURATIONS]; largest total first
 * pinning                   [reason, site, durations DURATIONS]; largest total first
 * slowest_traced            [kind (as blocking kinds, or pinned), charge (class, or "reason at
 *                           site"), thread_id, duration_seconds, end_time, trace_id, span_id];
 *                           slowest first, at most 20; empty without scope events
 * live_by_site              null until the analyzer reports creation sites; then [site, threads, live]
 * timeline                  bucket_seconds, buckets [start_offset_seconds (from recording.start_time),
 *                           platform {started, ended, live}, virtual {started, ended, live}]
 *                           live = starts minus ends since the first bucket (a net change)
 * growth                    {platform|virtual: verdict growing|steady|not_enough_data,
 *                           quarter_ends [4 net live counts] or [], growth_per_second}
 * notes                     [sentences on absent or partial data]
 *
 * DURATIONS                 count, total_seconds, p50_seconds, p99_seconds, max_seconds (quantiles
 *                           within 1 %, 0 when count is 0), bins [from_seconds, to_seconds (null
 *                           for the open last bin), count] from the first non-empty bin to the last
 * </pre>
 *
 * <p>Written with Jackson's streaming generator, indented by two spaces. Strings escape, besides
 * what JSON requires, DEL, the C1 controls, U+2028 and U+2029, the bidirectional formatting
 * characters and surrogates (as {@code \}{@code uXXXX}), so that the text is safe to show on a
 * terminal and to embed in JavaScript, and stays valid UTF-8 whatever the recording held.
 */
public final class JsonReport {

  /** The version of the format described above. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder().characterEscapes(new TerminalSafeEscapes()).build();

  private JsonReport() {}

  public static String render(ReportModel model) {
    StringWriter text = new StringWriter(16 * 1024);
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.setPrettyPrinter(prettyPrinter());
      write(json, model);
    } catch (IOException impossible) {
      // A StringWriter does not fail; the generator throws only for misplaced calls.
      throw new UncheckedIOException(impossible);
    }
    return text.append('\n').toString();
  }

  private static void write(JsonGenerator json, ReportModel model) throws IOException {
    json.writeStartObject();
    json.writeNumberField("format_version", FORMAT_VERSION);
    recording(json, model.recording());
    ReportModel.Settings settings = model.settings();
    json.writeObjectFieldStart("settings");
    seconds(json, "blocking_threshold_seconds", settings.blockingThresholdNanos());
    seconds(json, "pinned_threshold_seconds", settings.pinnedThresholdNanos());
    json.writeNumberField("top", settings.top());
    json.writeEndObject();

    json.writeObjectFieldStart("threads");
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      json.writeObjectFieldStart(TextReport.name(kind));
      // null, not 0, when the recording has no start or end of this kind: see "notes".
      countOrNull(json, "started", threads, threads.started());
      countOrNull(json, "ended", threads, threads.ended());
      countOrNull(json, "live_at_end", threads, threads.liveAtEnd());
      durations(json, "lifetimes", threads.lifetimes());
      json.writeEndObject();
    }
    json.writeEndObject();

    json.writeArrayFieldStart("blocking_by_kind");
    for (ReportModel.BlockingSummary row : model.blockingByKind()) {
      json.writeStartObject();
      json.writeStringField("kind", row.kind().label());
      json.writeStringField("threads", TextReport.name(row.threadKind()));
      durations(json, "durations", row.durations());
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("top_blocking");
    for (ReportModel.BlockedRow row : model.topBlocking()) {
      json.writeStartObject();
      json.writeStringField("kind", row.kind().label());
      json.writeStringField("threads", TextReport.name(row.threadKind()));
      json.writeStringField("class", row.className());
      durations(json, "durations", row.durations());
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("pinning");
    for (ReportModel.PinnedRow row : model.pinning()) {
      json.writeStartObject();
      json.writeStringField("reason", row.reason());
      json.writeStringField("site", row.site());
      durations(json, "durations", row.durations());
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("slowest_traced");
    for (TracedBlocking traced : model.slowestTraced()) {
      json.writeStartObject();
      json.writeStringField("kind", traced.kind());
      json.writeStringField("charge", traced.charge());
      json.writeNumberField("thread_id", traced.threadId());
      seconds(json, "duration_seconds", traced.exemplar().durationNanos());
      json.writeStringField("end_time", time(traced.exemplar().endEpochNanos()));
      json.writeStringField("trace_id", traced.exemplar().traceId());
      json.writeStringField("span_id", traced.exemplar().spanId());
      json.writeEndObject();
    }
    json.writeEndArray();

    if (model.liveBySite().isEmpty()) {
      json.writeNullField("live_by_site");
    } else {
      json.writeArrayFieldStart("live_by_site");
      for (ReportModel.LiveSite site : model.liveBySite().get()) {
        json.writeStartObject();
        json.writeStringField("site", site.site());
        json.writeStringField("threads", TextReport.name(site.kind()));
        json.writeNumberField("live", site.live());
        json.writeEndObject();
      }
      json.writeEndArray();
    }

    timeline(json, model);
    growth(json, model.growth());
    json.writeArrayFieldStart("notes");
    for (String note : model.notes()) {
      json.writeString(note);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void recording(JsonGenerator json, ReportModel.Recording recording)
      throws IOException {
    json.writeObjectFieldStart("recording");
    json.writeStringField("file", recording.file());
    json.writeNumberField("size_bytes", recording.sizeBytes());
    json.writeNumberField("chunks", recording.chunks());
    json.writeStringField("start_time", time(recording.startEpochNanos()));
    json.writeStringField("end_time", time(recording.endEpochNanos()));
    seconds(json, "duration_seconds", recording.durationNanos());
    json.writeObjectFieldStart("events_read");
    for (Map.Entry<String, Long> events : recording.eventsByName().entrySet()) {
      json.writeNumberField(events.getKey(), events.getValue());
    }
    json.writeEndObject();
    json.writeNumberField("events_below_threshold", recording.eventsBelowThreshold());
    json.writeNumberField("events_analyzed", recording.eventsAnalyzed());
    json.writeEndObject();
  }

  private static void timeline(JsonGenerator json, ReportModel model) throws IOException {
    Timeline timeline = model.timeline();
    json.writeObjectFieldStart("timeline");
    seconds(json, "bucket_seconds", timeline.bucketNanos());
    json.writeArrayFieldStart("buckets");
    for (Timeline.Bucket bucket : timeline.buckets()) {
      json.writeStartObject();
      seconds(
          json,
          "start_offset_seconds",
          bucket.startEpochNanos() - model.recording().startEpochNanos());
      for (ThreadKind kind : ThreadKind.values()) {
        Timeline.Counts counts = bucket.of(kind);
        json.writeObjectFieldStart(TextReport.name(kind));
        json.writeNumberField("started", counts.started());
        json.writeNumberField("ended", counts.ended());
        json.writeNumberField("live", counts.live());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void growth(JsonGenerator json, List<Growth> growths) throws IOException {
    json.writeObjectFieldStart("growth");
    for (Growth growth : growths) {
      json.writeObjectFieldStart(TextReport.name(growth.kind()));
      json.writeStringField("verdict", growth.verdict().label());
      json.writeArrayFieldStart("quarter_ends");
      for (long live : growth.quarterEnds()) {
        json.writeNumber(live);
      }
      json.writeEndArray();
      json.writeFieldName("growth_per_second");
      decimal(json, growth.growthPerSecond());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void countOrNull(
      JsonGenerator json, String name, ReportModel.ThreadSummary threads, long count)
      throws IOException {
    if (threads.seen()) {
      json.writeNumberField(name, count);
    } else {
      json.writeNullField(name);
    }
  }

  private static void durations(JsonGenerator json, String name, DurationSummary durations)
      throws IOException {
    json.writeObjectFieldStart(name);
    json.writeNumberField("count", durations.count());
    seconds(json, "total_seconds", durations.totalNanos());
    seconds(json, "p50_seconds", durations.p50Nanos());
    seconds(json, "p99_seconds", durations.p99Nanos());
    seconds(json, "max_seconds", durations.maxNanos());
    json.writeArrayFieldStart("bins");
    for (DurationSummary.Bin bin : durations.bins()) {
      json.writeStartObject();
      seconds(json, "from_seconds", bin.lowerNanos());
      if (bin.upperNanos() == Long.MAX_VALUE) {
        json.writeNullField("to_seconds");
      } else {
        seconds(json, "to_seconds", bin.upperNanos());
      }
      json.writeNumberField("count", bin.count());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  // Exact decimal seconds from whole nanoseconds ("0.15", not "0.15000000000000002").
  private static void seconds(JsonGenerator json, String name, long nanos) throws IOException {
    json.writeFieldName(name);
    json.writeNumber(HumanUnits.seconds(nanos));
  }

  /**
   * A finite number as the shortest decimal that reads back the same; NaN and infinities, which
   * JSON lacks, as {@code null}.
   */
  private static void decimal(JsonGenerator json, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumber(new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString());
    } else {
      json.writeNull();
    }
  }

  private static String time(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }

  // {"name": value}, members and array elements one per line, two spaces deep.
  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  /** JSON's escapes plus those that keep a terminal, a JavaScript parser and UTF-8 safe. */
  private static final class TerminalSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    TerminalSafeEscapes() {
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int c) {
      boolean escape =
          (c >= 0x80 && c <= 0x9F)
              || c == 0x2028
              || c == 0x2029
              || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x200E
              || c == 0x200F
              || c == 0x061C
              || Character.isSurrogate((char) c);
      return escape ? new SerializedString(String.format("\\u%04X", c)) : null;
    }
  }
}
